/**
 * fast-check generators for the hardening suite: account snapshots around the lifecycle
 * boundaries (requestedAt + 15 d ± 1 ms, the phone release ± 1 ms, the ends of the RFC 3339
 * range), written with random zone offsets and sub-millisecond digits, mostly valid, sometimes
 * broken in one way the spec names, with hostile strings and keys sprinkled in.
 */
import fc from 'fast-check';
import { DAY_MS } from '../reference-model.js';

/** Every hardening property runs with a fixed seed, so CI failures reproduce exactly. */
export const SEED = 20261124;

export const COOLING_OFF_MS = 15 * DAY_MS;
export const RELEASE_MS = (15 + 30) * DAY_MS;
export const T0 = Date.parse('2026-11-24T00:00:00.000Z');
export const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z');
export const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** Strings that have broken renderers, terminals, spreadsheets or XML elsewhere. */
export const EVIL_STRINGS = [
  'nul\u0000byte',
  'lone \ud800 high',
  'lone \udc00 low',
  'rtl \u202e gnp.exe',
  'isolate \u2067x\u2069',
  '<script>alert(1)</script>',
  '"quoted" & \'single\'',
  '=HYPERLINK("http://evil.example","x")',
  "+cmd|'/C calc'!A0",
  '@SUM(1+1)',
  ']]><!--',
  '\u001b[31mred\u001b[0m',
  'line\nbreak\r\nand\ttab',
  '{pay.balanceYuan}',
  '__proto__',
  'constructor',
  '🙂‍↔️ 注销',
] as const;

export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$where',
] as const;

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * `ms` as RFC 3339 in a zone `offsetMinutes` from UTC. `digits` 0 drops the milliseconds (only
 * used when they are 0), 3 writes them, 6 adds sub-millisecond digits that must be dropped.
 */
export function formatTime(
  ms: number,
  offsetMinutes: number,
  digits: 0 | 3 | 6,
  zulu = true,
): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  if ((year < 0 || year > 9999) && offsetMinutes !== 0) return formatTime(ms, 0, digits, zulu);
  if (year < 0 || year > 9999) return local.toISOString(); // "+010000-…": not RFC 3339, refused by both sides
  const millis = local.getUTCMilliseconds();
  const fraction =
    digits === 0 && millis === 0
      ? ''
      : `.${String(millis).padStart(3, '0')}${digits === 6 ? '789' : ''}`;
  const abs = Math.abs(offsetMinutes);
  const zone =
    offsetMinutes === 0 && zulu
      ? 'Z'
      : `${offsetMinutes < 0 ? '-' : '+'}${twoDigits(Math.floor(abs / 60))}:${twoDigits(abs % 60)}`;
  return `${String(year).padStart(4, '0')}-${twoDigits(local.getUTCMonth() + 1)}-${twoDigits(local.getUTCDate())}T${twoDigits(local.getUTCHours())}:${twoDigits(local.getUTCMinutes())}:${twoDigits(local.getUTCSeconds())}${fraction}${zone}`;
}

const offset = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: -1439, max: 1439 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1439, 1439) },
);
const digits = fc.constantFrom<0 | 3 | 6>(0, 3, 6);
const timeText = (ms: number) =>
  fc.tuple(offset, digits, fc.boolean()).map(([o, d, z]) => formatTime(ms, o, d, z));

const nowMs = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: T0 - 5 * 365 * DAY_MS, max: T0 + 5 * 365 * DAY_MS }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      LATEST,
      LATEST - COOLING_OFF_MS + 1,
      EARLIEST + RELEASE_MS,
      EARLIEST,
      LATEST - 40 * DAY_MS,
    ),
  },
);

/** now − requestedAt: the lifecycle boundaries ± 1 ms, or anything within four months (−1: after now). */
const requestDelta = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      0,
      1,
      COOLING_OFF_MS - 1,
      COOLING_OFF_MS,
      COOLING_OFF_MS + 1,
      RELEASE_MS - 1,
      RELEASE_MS,
      RELEASE_MS + 1,
      -1,
    ),
  },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 120 * DAY_MS }) },
);

/** firstLoginAt − requestedAt: the bounds of the period ± 1 ms, or anything around it. */
const loginDelta = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, 1, COOLING_OFF_MS - 1, COOLING_OFF_MS, -1) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: COOLING_OFF_MS - 1 }) },
);

const money = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, 99, 100, 101),
  },
);

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...EVIL_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) },
);

const KINDS = ['app', 'mini_program', 'official_account_admin', 'wecom', 'open_platform'] as const;

/** Extra fields the spec says are ignored, hostile names included. */
const extras = fc.dictionary(
  fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 })),
  fc.jsonValue({ maxDepth: 3 }),
  { maxKeys: 2 },
);

/** One way to break a snapshot that §1 names; each must be refused. */
export type Breakage = (snapshot: Record<string, any>) => void;
const BREAKAGES: Record<string, Breakage> = {
  'missing accountId': (s) => delete s.accountId,
  'missing phone': (s) => delete s.phone,
  'missing cancellation': (s) => delete s.cancellation,
  'missing pay.bankCards': (s) => delete s.pay.bankCards,
  'empty accountId': (s) => (s.accountId = ''),
  'empty phone': (s) => (s.phone = ''),
  'negative balance': (s) => (s.pay.balanceFen = -1),
  'fractional balance': (s) => (s.pay.balanceFen = 12.5),
  'balance past 2^53 − 1': (s) => (s.pay.balanceFen = Number.MAX_SAFE_INTEGER + 1),
  'balance as a string': (s) => (s.pay.balanceFen = '100'),
  'enabled as "no"': (s) => (s.pay.enabled = 'no'),
  'unknown kind': (s) => s.authorizations.push({ id: 'auth-bogus', kind: 'bogus', name: 'x' }),
  'duplicate binding id': (s) =>
    s.authorizations.push(
      { id: 'card-1', kind: 'app', name: 'dup' },
      { id: 'card-1', kind: 'wecom', name: 'dup' },
    ),
  'timestamp without zone': (s) => (s.capturedAt = '2026-01-01T00:00:00'),
  'February 30': (s) => (s.capturedAt = '2026-02-30T00:00:00Z'),
  'cancellation without firstLoginAt': (s) =>
    (s.cancellation = { requestedAt: '2026-01-01T00:00:00Z' }),
  'authorizations not a list': (s) => (s.authorizations = {}),
};
export const BREAKAGE_NAMES = Object.keys(BREAKAGES);

export interface Case {
  snapshot: Record<string, any>;
  now: string | undefined;
  unbind: string | undefined;
  /** Which §1 breakage was applied, if any. */
  broken: string | undefined;
}

export const caseArbitrary = (options: { breakRate?: number } = {}): fc.Arbitrary<Case> =>
  fc
    .record({
      nowMs,
      nowGiven: fc.oneof(
        { weight: 4, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      capturedDelta: fc.option(
        fc.oneof(fc.integer({ min: 0, max: 10 * DAY_MS }), fc.constant(-1)),
        { nil: undefined },
      ),
      accountId: text,
      phone: fc.option(text, { nil: null, freq: 3 }),
      enabled: fc.boolean(),
      balanceFen: money,
      pendingTransactions: money,
      pendingRefunds: money,
      cards: fc.uniqueArray(
        fc.record({
          n: fc.integer({ min: 1, max: 9 }),
          bank: fc.option(text, { nil: undefined }),
          last4: fc.option(fc.stringMatching(/^[0-9]{4}$/), { nil: undefined }),
        }),
        { selector: (c) => c.n, maxLength: 3 },
      ),
      auths: fc.uniqueArray(
        fc.record({
          n: fc.integer({ min: 1, max: 9 }),
          kind: fc.constantFrom(...KINDS),
          name: text,
        }),
        { selector: (a) => a.n, maxLength: 4 },
      ),
      cancellation: fc.option(
        fc.record({ requestDelta, login: fc.option(loginDelta, { nil: null, freq: 2 }) }),
        { nil: null, freq: 3 },
      ),
      target: fc.option(
        fc.constantFrom('card-1', 'card-2', 'auth-1', 'auth-2', 'auth-5', 'nowhere'),
        { nil: undefined, freq: 2 },
      ),
      extras,
      seeds: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()),
      breakage: fc.oneof(
        {
          weight: Math.round(100 * (1 - (options.breakRate ?? 0.1))),
          arbitrary: fc.constant(undefined),
        },
        {
          weight: Math.round(100 * (options.breakRate ?? 0.1)),
          arbitrary: fc.constantFrom(...BREAKAGE_NAMES),
        },
      ),
    })
    .chain((r) => {
      const requestedMs = r.cancellation ? r.nowMs - r.cancellation.requestDelta : undefined;
      return fc
        .record({
          now: timeText(r.nowMs),
          captured:
            r.capturedDelta === undefined && r.nowGiven
              ? fc.constant(undefined)
              : timeText(r.nowMs - (r.capturedDelta ?? 0)),
          requestedAt: requestedMs === undefined ? fc.constant(undefined) : timeText(requestedMs),
          firstLoginAt:
            requestedMs === undefined || r.cancellation?.login == null
              ? fc.constant(null)
              : timeText(requestedMs + r.cancellation.login),
        })
        .map((t): Case => {
          const snapshot: Record<string, any> = {
            ...r.extras,
            accountId: r.accountId,
            ...(t.captured === undefined ? {} : { capturedAt: t.captured }),
            phone: r.phone,
            pay: {
              enabled: r.enabled,
              balanceFen: r.balanceFen,
              pendingTransactions: r.pendingTransactions,
              pendingRefunds: r.pendingRefunds,
              bankCards: r.cards.map((c) => ({
                id: `card-${c.n}`,
                ...(c.bank === undefined ? {} : { bank: c.bank }),
                ...(c.last4 === undefined ? {} : { last4: c.last4 }),
              })),
            },
            authorizations: r.auths.map((a) => ({ id: `auth-${a.n}`, kind: a.kind, name: a.name })),
            cancellation:
              t.requestedAt === undefined
                ? null
                : { requestedAt: t.requestedAt, firstLoginAt: t.firstLoginAt },
          };
          if (r.breakage) BREAKAGES[r.breakage]?.(snapshot);
          return {
            snapshot,
            now: r.nowGiven ? t.now : undefined,
            unbind: r.target,
            broken: r.breakage,
          };
        });
    });

/** Anything at all: what a caller could pass in place of a snapshot. */
export const junkArbitrary = fc.oneof(
  fc.anything({
    maxDepth: 4,
    withNullPrototype: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withBigInt: true,
  }),
  fc.jsonValue({ maxDepth: 6 }),
);
