/**
 * Derives, once per evaluation, every fact the rules and messages may read
 * (schemas/facts.schema.json) from the validated snapshot, the rule parameters, the evaluation
 * time and the unbind target. No policy decision is made here: only counting, grouping,
 * formatting and the lifecycle arithmetic of SPEC §2.
 */
import type { AccountSnapshot, Authorization, BankCard } from '../generated/account-snapshot.js';
import type { Facts, Group } from '../generated/facts.js';
import type { Lifecycle, LifecycleParameters } from './lifecycle.js';
import { isoUtc } from './time.js';

type AuthorizationKind = Authorization['kind'];

const KINDS: readonly AuthorizationKind[] = [
  'app',
  'mini_program',
  'official_account_admin',
  'wecom',
  'open_platform',
];

export interface FactInputs {
  snapshot: AccountSnapshot;
  parameters: LifecycleParameters;
  nowMs: number;
  lifecycle: Lifecycle;
  /** The binding id to unbind, or undefined. */
  target: string | undefined;
}

export function deriveFacts({ snapshot, parameters, nowMs, lifecycle, target }: FactInputs): Facts {
  const { pay, authorizations } = snapshot;
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, group([])])) as Record<
    AuthorizationKind,
    Group
  >;
  for (const auth of authorizations) {
    const entry = byKind[auth.kind];
    entry.names.push(auth.name);
    entry.count++;
  }
  return {
    account: { id: snapshot.accountId, phoneBound: snapshot.phone !== null },
    pay: {
      enabled: pay.enabled,
      balanceFen: pay.balanceFen,
      balanceYuan: yuan(pay.balanceFen),
      pendingTransactions: pay.pendingTransactions,
      pendingRefunds: pay.pendingRefunds,
      bankCards: group(pay.bankCards.map(cardName)),
    },
    authorizations: { count: authorizations.length, ...byKind },
    lifecycle: {
      state: lifecycle.state,
      data: lifecycle.data,
      requestedAt: isoOrNull(lifecycle.requestedAtMs),
      coolingOffEndsAt: isoOrNull(lifecycle.coolingOffEndsAtMs),
      coolingOffEndsAtMs: lifecycle.coolingOffEndsAtMs,
      daysRemaining: lifecycle.daysRemaining,
      phoneReleasedAt: isoOrNull(lifecycle.phoneReleasedAtMs),
      phoneReleasedAtMs: lifecycle.phoneReleasedAtMs,
    },
    clock: { now: isoUtc(nowMs), nowMs },
    target: targetFacts(snapshot, target),
    parameters: {
      coolingOffDays: parameters.coolingOffDays,
      phoneReleaseDays: parameters.phoneReleaseDays,
    },
  };
}

function group(names: string[]): Group {
  return { count: names.length, names };
}

/** Integer fen to yuan with two decimals, exact for every safe integer (no float division). */
export function yuan(fen: number): string {
  const whole = Math.floor(fen / 100);
  const cents = fen - whole * 100;
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

function cardName(card: BankCard): string {
  const parts = [card.bank, card.last4 === undefined ? undefined : `****${card.last4}`].filter(
    (part) => part !== undefined,
  );
  return parts.length > 0 ? parts.join(' ') : card.id;
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : isoUtc(ms);
}

function targetFacts(snapshot: AccountSnapshot, id: string | undefined): Facts['target'] {
  if (id === undefined) return { given: false, id: null, found: false, kind: null, name: null };
  const card = snapshot.pay.bankCards.find((c) => c.id === id);
  if (card) return { given: true, id, found: true, kind: 'bank_card', name: cardName(card) };
  const auth = snapshot.authorizations.find((a) => a.id === id);
  if (auth) return { given: true, id, found: true, kind: auth.kind, name: auth.name };
  return { given: true, id, found: false, kind: null, name: null };
}
