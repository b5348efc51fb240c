/**
 * fast-check generators of valid snapshots and evaluation times, weighted toward the places
 * where engines and implementations disagree if they disagree at all: the last millisecond of
 * cooling-off, its end, the phone release instant, empty and full binding lists.
 */
import fc from 'fast-check';
import type { AccountSnapshot } from '../src/index.js';

const DAY = 24 * 60 * 60 * 1000;
const KINDS = ['app', 'mini_program', 'official_account_admin', 'wecom', 'open_platform'] as const;
const BASE = Date.parse('2026-01-01T00:00:00Z');

const iso = (ms: number) => new Date(ms).toISOString();

/** Offsets from the request that sit on or next to the lifecycle boundaries (15 d, 15 + 30 d). */
const offset = fc.oneof(
  fc.constantFrom(0, 1, 15 * DAY - 1, 15 * DAY, 15 * DAY + 1, 45 * DAY - 1, 45 * DAY, 45 * DAY + 1),
  fc.integer({ min: 0, max: 400 * DAY }),
);

const money = fc.oneof(
  fc.constant(0),
  fc.constant(1),
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.constant(Number.MAX_SAFE_INTEGER),
);
const count = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }));

export interface Case {
  snapshot: AccountSnapshot;
  now: string;
  unbind: string | undefined;
}

export const cases: fc.Arbitrary<Case> = fc
  .record({
    id: fc.integer({ min: 1, max: 999_999 }),
    phone: fc.option(fc.constant('+86 138 0000 0000'), { freq: 4 }),
    enabled: fc.boolean(),
    balanceFen: money,
    pendingTransactions: count,
    pendingRefunds: count,
    cards: fc.integer({ min: 0, max: 3 }),
    kinds: fc.array(fc.constantFrom(...KINDS), { maxLength: 5 }),
    requested: fc.option(fc.integer({ min: 0, max: 300 * DAY }), { freq: 2 }),
    login: fc.option(fc.integer({ min: 1, max: 15 * DAY - 1 }), { freq: 3 }),
    offset,
    target: fc.constantFrom('none', 'card', 'authorization', 'unknown'),
  })
  .map((g) => {
    const requestedAt = g.requested === null ? undefined : BASE + g.requested;
    const loginAt =
      requestedAt !== undefined && g.login !== null ? requestedAt + g.login : undefined;
    // now never precedes anything in the snapshot (that input is refused, not evaluated).
    const nowMs = Math.max(requestedAt ?? BASE, loginAt ?? BASE) + g.offset;
    const bankCards = Array.from({ length: g.cards }, (_, i) => ({
      id: `card-${i}`,
      bank: '招商银行',
      last4: String(1000 + i),
    }));
    const authorizations = g.kinds.map((kind, i) => ({ id: `auth-${i}`, kind, name: `服务${i}` }));
    const unbind = {
      none: undefined,
      card: bankCards[0]?.id,
      authorization: authorizations[0]?.id,
      unknown: 'nope',
    }[g.target];
    const snapshot: AccountSnapshot = {
      accountId: `wxid_${g.id}`,
      phone: g.phone,
      pay: {
        enabled: g.enabled,
        balanceFen: g.balanceFen,
        pendingTransactions: g.pendingTransactions,
        pendingRefunds: g.pendingRefunds,
        bankCards,
      },
      authorizations,
      cancellation:
        requestedAt === undefined
          ? null
          : {
              requestedAt: iso(requestedAt),
              firstLoginAt: loginAt === undefined ? null : iso(loginAt),
            },
    };
    return { snapshot, now: iso(nowMs), unbind };
  });
