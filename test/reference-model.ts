/**
 * A second, deliberately plain implementation of SPEC §1–§3 (plus the choices docs/behaviour.md
 * records where the spec is silent), written from the spec text only — not from rules/ or src/ —
 * so the differential tests compare two independent readings of the contract. No engine, no
 * YAML, no schema library: one function per section, straight-line code.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReferenceParameters {
  coolingOffDays: number;
  phoneReleaseDays: number;
}

export type State = 'none' | 'withdrawn' | 'cooling_off' | 'cancelled';

export interface ReferenceLifecycle {
  state: State;
  data: 'retained' | 'scheduled_for_deletion' | 'deleted';
  coolingOffEndsAt?: string;
  daysRemaining?: number;
  phoneReleasedAt?: string;
}

export interface ReferencePolicy {
  outcome: 'pass' | 'fail';
  reasons: string[];
  consequences: string[];
}

export type ReferenceOutcome =
  | { kind: 'invalid'; why: string }
  | {
      kind: 'result';
      accountId: string;
      evaluatedAt: string;
      lifecycle: ReferenceLifecycle;
      policies: Record<string, ReferencePolicy>;
    };

export interface ReferenceOptions {
  now?: string | undefined;
  unbind?: string | undefined;
}

// ---------- RFC 3339 time (§1: every timestamp carries a zone offset) ----------

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Epoch ms of an RFC 3339 date-time, or undefined when it is not one. Sub-ms digits dropped. */
export function parseTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return undefined;
  const fraction = m[7] ? Number(m[7].slice(1, 4).padEnd(3, '0')) : 0;
  let offsetMinutes = 0;
  const zone = m[8] as string;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, fraction);
  return date.getTime() - offsetMinutes * 60_000;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// ---------- §1 the snapshot ----------

const KINDS = ['app', 'mini_program', 'official_account_admin', 'wecom', 'open_platform'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

interface Snapshot {
  accountId: string;
  capturedAt?: string;
  phone: string | null;
  pay: {
    enabled: boolean;
    balanceFen: number;
    pendingTransactions: number;
    pendingRefunds: number;
    bankCards: Array<{ id: string; bank?: string; last4?: string }>;
  };
  authorizations: Array<{ id: string; kind: string; name: string }>;
  cancellation: null | { requestedAt: string; firstLoginAt: string | null };
}

/** Why the value is not a snapshot by §1, or undefined when it is one. */
function shapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (!isText(value.accountId)) return 'accountId';
  if ('capturedAt' in value && parseTime(value.capturedAt) === undefined) return 'capturedAt';
  if (!('phone' in value) || !(value.phone === null || isText(value.phone))) return 'phone';
  const pay = value.pay;
  if (!isObject(pay)) return 'pay';
  if (typeof pay.enabled !== 'boolean') return 'pay.enabled';
  for (const key of ['balanceFen', 'pendingTransactions', 'pendingRefunds'])
    if (!isCount(pay[key])) return `pay.${key}`;
  if (!Array.isArray(pay.bankCards)) return 'pay.bankCards';
  for (const card of pay.bankCards as unknown[]) {
    if (!isObject(card) || !isText(card.id)) return 'bank card id';
    if ('bank' in card && !isText(card.bank)) return 'bank card bank';
    if ('last4' in card && !(typeof card.last4 === 'string' && /^[0-9]{4}$/.test(card.last4)))
      return 'bank card last4';
  }
  if (!Array.isArray(value.authorizations)) return 'authorizations';
  for (const auth of value.authorizations as unknown[]) {
    if (
      !isObject(auth) ||
      !isText(auth.id) ||
      !isText(auth.name) ||
      !KINDS.includes(auth.kind as string)
    )
      return 'authorization';
  }
  if (!('cancellation' in value)) return 'cancellation';
  const c = value.cancellation;
  if (c !== null) {
    if (!isObject(c) || parseTime(c.requestedAt) === undefined) return 'cancellation.requestedAt';
    if (
      !('firstLoginAt' in c) ||
      !(c.firstLoginAt === null || parseTime(c.firstLoginAt) !== undefined)
    )
      return 'cancellation.firstLoginAt';
  }
  const ids = [
    ...(pay.bankCards as Array<{ id: string }>),
    ...(value.authorizations as Array<{ id: string }>),
  ].map((b) => b.id);
  if (new Set(ids).size !== ids.length) return 'binding ids not unique';
  return undefined;
}

// ---------- §2 evaluation time and lifecycle ----------

function lifecycleOf(snapshot: Snapshot, now: number, p: ReferenceParameters): ReferenceLifecycle {
  const c = snapshot.cancellation;
  if (c === null) return { state: 'none', data: 'retained' };
  const requested = parseTime(c.requestedAt) as number;
  const ends = requested + p.coolingOffDays * DAY_MS;
  if (c.firstLoginAt !== null) return { state: 'withdrawn', data: 'retained' };
  if (now < ends)
    return {
      state: 'cooling_off',
      data: 'scheduled_for_deletion',
      coolingOffEndsAt: iso(ends),
      daysRemaining: Math.ceil((ends - now) / DAY_MS),
    };
  return {
    state: 'cancelled',
    data: 'deleted',
    coolingOffEndsAt: iso(ends),
    phoneReleasedAt: iso(ends + p.phoneReleaseDays * DAY_MS),
  };
}

/** §1 "inconsistent time", and the range every printed instant must fit in (docs/security.md). */
function timeProblem(snapshot: Snapshot, now: number, p: ReferenceParameters): string | undefined {
  const outside = (ms: number) => ms < EARLIEST || ms > LATEST;
  const stamps = [
    snapshot.capturedAt,
    snapshot.cancellation?.requestedAt,
    snapshot.cancellation?.firstLoginAt,
  ]
    .filter((t): t is string => typeof t === 'string')
    .map((t) => parseTime(t) as number);
  if (stamps.some(outside) || outside(now)) return 'time out of range';
  if (stamps.some((t) => t > now)) return 'a timestamp after now';
  const c = snapshot.cancellation;
  if (c === null) return undefined;
  const requested = parseTime(c.requestedAt) as number;
  const ends = requested + p.coolingOffDays * DAY_MS;
  if (outside(ends)) return 'cooling-off end out of range';
  if (c.firstLoginAt === null) {
    if (now >= ends && outside(ends + p.phoneReleaseDays * DAY_MS))
      return 'phone release out of range';
    return undefined;
  }
  const login = parseTime(c.firstLoginAt) as number;
  if (login <= requested) return 'login not after request';
  if (login >= ends) return 'login after cooling-off';
  return undefined;
}

// ---------- §3 policies ----------

function policy(failing: Array<[string, boolean]>, consequences: string[]): ReferencePolicy {
  const reasons = failing.filter(([, fails]) => fails).map(([id]) => id);
  return reasons.length > 0
    ? { outcome: 'fail', reasons, consequences: [] }
    : { outcome: 'pass', reasons: [], consequences };
}

export function referenceEvaluate(
  value: unknown,
  options: ReferenceOptions,
  p: ReferenceParameters,
): ReferenceOutcome {
  if (options.now !== undefined && parseTime(options.now) === undefined)
    return { kind: 'invalid', why: 'now' };
  if (options.unbind === '') return { kind: 'invalid', why: 'unbind' };
  const problem = shapeProblem(value);
  if (problem) return { kind: 'invalid', why: problem };
  const s = value as Snapshot;
  const now =
    options.now !== undefined
      ? (parseTime(options.now) as number)
      : s.capturedAt !== undefined
        ? (parseTime(s.capturedAt) as number)
        : Date.now();
  const bad = timeProblem(s, now, p);
  if (bad) return { kind: 'invalid', why: bad };

  const lifecycle = lifecycleOf(s, now, p);
  const state = lifecycle.state;
  const kinds = new Set(s.authorizations.map((a) => a.kind));
  const policies: Record<string, ReferencePolicy> = {};
  policies.cancel = policy(
    [
      ['cancel.pay-closed', s.pay.enabled],
      ['cancel.balance-zero', s.pay.balanceFen > 0],
      ['cancel.no-pending-transactions', s.pay.pendingTransactions > 0],
      ['cancel.no-pending-refunds', s.pay.pendingRefunds > 0],
      ['cancel.third-party-revoked', kinds.has('app') || kinds.has('mini_program')],
      ['cancel.official-account-admin-released', kinds.has('official_account_admin')],
      ['cancel.wecom-unlinked', kinds.has('wecom')],
      ['cancel.open-platform-revoked', kinds.has('open_platform')],
      ['cancel.not-in-progress', state === 'cooling_off' || state === 'cancelled'],
    ],
    ['cancel.cooling-off-starts', 'cancel.data-deleted', 'cancel.phone-released'],
  );
  if (options.unbind !== undefined) {
    const target = options.unbind;
    const isCard = s.pay.bankCards.some((c) => c.id === target);
    const bound = isCard || s.authorizations.some((a) => a.id === target);
    // behaviour.md: "other cards usable" only when the target is a card and another card stays.
    const otherCards = isCard && s.pay.bankCards.length > 1;
    policies.unbind = policy(
      [
        ['unbind.target-bound', !bound],
        ['unbind.account-active', state === 'cancelled'],
      ],
      [
        'unbind.account-retained',
        'unbind.phone-stays-bound',
        'unbind.no-undo',
        ...(otherCards ? ['unbind.other-cards-usable'] : []),
      ],
    );
  }
  policies.withdraw = policy(
    [
      ['withdraw.cancellation-requested', state === 'none' || state === 'withdrawn'],
      ['withdraw.cooling-off-active', state === 'cancelled'],
    ],
    ['withdraw.login-cancels'],
  );
  const releasedAt =
    lifecycle.phoneReleasedAt === undefined
      ? undefined
      : (parseTime(lifecycle.phoneReleasedAt) as number);
  policies['phone-reuse'] = policy(
    [
      ['phone-reuse.phone-bound', s.phone === null],
      ['phone-reuse.account-cancelled', state !== 'cancelled'],
      ['phone-reuse.release-period-elapsed', state === 'cancelled' && now < (releasedAt as number)],
    ],
    ['phone-reuse.register-new'],
  );
  return { kind: 'result', accountId: s.accountId, evaluatedAt: iso(now), lifecycle, policies };
}
