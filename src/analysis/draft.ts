/**
 * A witness account in the making: the few choices the search varies (draft), and the complete
 * snapshot, evaluation time and unbind target they stand for. The snapshot is built the way a
 * caller would write one, so what the search finds is what `evaluate` is then asked.
 */
import type { AccountSnapshot, Authorization } from '../generated/account-snapshot.js';
import type { Witness } from '../generated/analysis.js';
import { isoUtc } from '../facts/time.js';

export type { Witness };

/** The plain account's id and phone: the first setting of their knobs, and what witnesses are told against. */
export const PLAIN_ACCOUNT_ID = 'wxid_witness';
export const PLAIN_PHONE = '+86 138 0000 0000';

export type AuthorizationKind = Authorization['kind'];

export const KINDS: readonly AuthorizationKind[] = [
  'app',
  'mini_program',
  'official_account_admin',
  'wecom',
  'open_platform',
];

export interface Timeline {
  /** Null: no cancellation was ever requested. */
  requestedAtMs: number | null;
  firstLoginAtMs: number | null;
  nowMs: number;
}

export interface Target {
  /** What the target id names: a bank card, an authorization of a kind, or nothing at all. */
  kind: 'bank_card' | AuthorizationKind | 'missing';
  id: string;
  name: string;
}

export interface Draft {
  accountId: string;
  phone: string | null;
  payEnabled: boolean;
  balanceFen: number;
  pendingTransactions: number;
  pendingRefunds: number;
  /** The banks of the bound cards (their display names). */
  bankCards: readonly string[];
  /** The names of the authorizations of each kind. */
  authorizations: Readonly<Record<AuthorizationKind, readonly string[]>>;
  timeline: Timeline;
  /** The binding to unbind; undefined: none is given. It is bound in addition to the lists above. */
  target: Target | undefined;
}

export function witnessOf(draft: Draft): Witness {
  const { target, timeline } = draft;
  const bankCards = draft.bankCards.map((bank, i) => ({ id: `card-${i + 1}`, bank }));
  const authorizations: Authorization[] = KINDS.flatMap((kind) =>
    draft.authorizations[kind].map((name, i) => ({ id: `${kind}-${i + 1}`, kind, name })),
  );
  if (target?.kind === 'bank_card') bankCards.unshift({ id: target.id, bank: target.name });
  else if (target && target.kind !== 'missing')
    authorizations.unshift({ id: target.id, kind: target.kind, name: target.name });
  const snapshot: AccountSnapshot = {
    accountId: draft.accountId,
    phone: draft.phone,
    pay: {
      enabled: draft.payEnabled,
      balanceFen: draft.balanceFen,
      pendingTransactions: draft.pendingTransactions,
      pendingRefunds: draft.pendingRefunds,
      bankCards,
    },
    authorizations,
    cancellation:
      timeline.requestedAtMs === null
        ? null
        : {
            requestedAt: isoUtc(timeline.requestedAtMs),
            firstLoginAt: timeline.firstLoginAtMs === null ? null : isoUtc(timeline.firstLoginAtMs),
          },
  };
  const now = isoUtc(timeline.nowMs);
  return target ? { snapshot, now, unbind: target.id } : { snapshot, now };
}
