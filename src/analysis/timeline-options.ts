/**
 * The timeline settings: when cancellation was requested, the first login after it, and the
 * evaluation time. Together they give every lifecycle state of SPEC §2, each boundary of it
 * (the instant the cooling-off period ends, the instant the phone is released, a millisecond
 * either side), each whole number of days remaining the conditions compare with, and, when a
 * condition compares a time with a constant, the same timelines moved to just before, at and
 * just after that constant. With two rule sets (diff), both sets' boundaries are included.
 */
import { DAY_MS } from '../facts/time.js';
import { representativeNumbers } from '../rules/prove-condition.js';
import type { Timeline } from './draft.js';
import { constantsAt, type Scope } from './scope.js';

/** The plain evaluation time: 2026-01-01T00:00:00Z. */
export const PLAIN_NOW = Date.UTC(2026, 0, 1);
const HOUR_MS = 60 * 60 * 1000;
/** The instants an RFC 3339 date-time with a four-digit year can name: years 0000 to 9999. */
const FIRST_MS = -62_167_219_200_000;
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Each time fact a condition may compare with a constant, and where it sits on a timeline. */
const TIME_FACTS: ReadonlyArray<
  [string, (t: Timeline, ends: number, release: number) => number | null]
> = [
  ['clock.nowMs', (t) => t.nowMs],
  ['clock.now', (t) => t.nowMs],
  ['lifecycle.requestedAt', (t) => t.requestedAtMs],
  ['lifecycle.coolingOffEndsAt', (t, ends) => at(t.requestedAtMs, ends)],
  ['lifecycle.coolingOffEndsAtMs', (t, ends) => at(t.requestedAtMs, ends)],
  ['lifecycle.phoneReleasedAt', (t, ends, release) => at(t.requestedAtMs, ends + release)],
  ['lifecycle.phoneReleasedAtMs', (t, ends, release) => at(t.requestedAtMs, ends + release)],
];

const at = (start: number | null, offset: number) => (start === null ? null : start + offset);

export function timelineOptions(scope: Scope): Timeline[] {
  const bases = scope.parameters.flatMap((parameters) => {
    const ends = parameters.coolingOffDays * DAY_MS;
    const release = parameters.phoneReleaseDays * DAY_MS;
    const days = daysRemaining(scope, parameters.coolingOffDays);
    return [
      // cooling off, with d days remaining: at exactly d days before the end, and just within d
      ...days.flatMap((d) => [
        requested(PLAIN_NOW + d * DAY_MS - ends),
        requested(PLAIN_NOW + (d - 1) * DAY_MS + 1 - ends),
      ]),
      // cancelled: at the end, just after, and around the release of the phone
      ...[0, 1, release - 1, release, release + 1].map((past) =>
        requested(PLAIN_NOW - ends - past),
      ),
    ];
  });
  const plain: Timeline[] = [
    { requestedAtMs: null, firstLoginAtMs: null, nowMs: PLAIN_NOW },
    {
      requestedAtMs: PLAIN_NOW - DAY_MS,
      firstLoginAtMs: PLAIN_NOW - DAY_MS + HOUR_MS,
      nowMs: PLAIN_NOW,
    },
    ...bases,
  ];
  const [first] = scope.parameters;
  const ends = (first?.coolingOffDays ?? 0) * DAY_MS;
  const release = (first?.phoneReleaseDays ?? 0) * DAY_MS;
  const moved = TIME_FACTS.flatMap(([key, position]) =>
    instants(constantsAt(scope, key)).flatMap((instant) =>
      plain.flatMap((timeline) => {
        const now = position(timeline, ends, release);
        return now === null ? [] : [-1, 0, 1].map((e) => shifted(timeline, instant + e - now));
      }),
    ),
  );
  return uniqueTimelines([...plain, ...moved].filter(representable));
}

function requested(requestedAtMs: number): Timeline {
  return { requestedAtMs, firstLoginAtMs: null, nowMs: PLAIN_NOW };
}

/** 1, the whole period, and the whole days around every constant compared with, within the period. */
function daysRemaining(scope: Scope, period: number): number[] {
  const around = representativeNumbers(constantsAt(scope, 'lifecycle.daysRemaining'), 1);
  return [...new Set([1, period, ...around])]
    .filter((d) => d >= 1 && d <= period)
    .sort((a, b) => a - b);
}

/** Numbers as epoch milliseconds, strings as the date-times they name. */
function instants(constants: readonly unknown[]): number[] {
  return constants.flatMap((c) => {
    const ms = typeof c === 'number' ? c : typeof c === 'string' ? Date.parse(c) : NaN;
    // A fractional constant sits between two milliseconds: both are tried.
    return Number.isFinite(ms) ? [...new Set([Math.floor(ms), Math.ceil(ms)])] : [];
  });
}

function shifted(t: Timeline, by: number): Timeline {
  return {
    requestedAtMs: at(t.requestedAtMs, by),
    firstLoginAtMs: at(t.firstLoginAtMs, by),
    nowMs: t.nowMs + by,
  };
}

function representable(t: Timeline): boolean {
  return [t.requestedAtMs, t.firstLoginAtMs, t.nowMs].every(
    (ms) => ms === null || (ms >= FIRST_MS && ms <= LAST_MS),
  );
}

function uniqueTimelines(timelines: readonly Timeline[]): Timeline[] {
  const seen = new Set<string>();
  return timelines.filter((t) => {
    const key = `${t.requestedAtMs} ${t.firstLoginAtMs} ${t.nowMs}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
