/**
 * The time rules of SPEC §1 that need the evaluation time: nothing may happen after it, and the
 * first login after a request must fall inside the cooling-off period (a finally cancelled
 * account cannot log in).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { AccountSnapshot } from '../generated/account-snapshot.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { coolingOffEndsAtMs, type LifecycleParameters } from './lifecycle.js';
import { DAY_MS, epochMs, isoUtc } from './time.js';

/**
 * Every time problem. Instants outside what RFC 3339 can write come first and alone: the
 * consistency checks below compare and print them.
 */
export function checkTimes(
  snapshot: AccountSnapshot,
  nowMs: number,
  parameters: LifecycleParameters,
  document: ParsedDocument,
  file: string,
): Diagnostic[] {
  const range = outOfRange(snapshot, nowMs, parameters);
  const [code, problems] =
    range.length > 0
      ? (['time-out-of-range', range] as const)
      : (['inconsistent-time', timeProblems(snapshot, nowMs, parameters)] as const);
  return problems.map(({ pointer, message }) => ({
    severity: 'error',
    code,
    message,
    file,
    pointer,
    ...document.locate(pointer),
  }));
}

interface TimeProblem {
  pointer: string;
  message: string;
}

/** The instants RFC 3339 can write in UTC: years 0000 to 9999. Outside them, ISO output is "+010000-…". */
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Every instant the result may print — the evaluation time, the snapshot's timestamps in UTC, the
 * end of cooling-off and the phone release — must be writable as RFC 3339; e.g. a request on
 * 9999-12-30 would end its cooling-off in year 10000.
 */
function outOfRange(
  snapshot: AccountSnapshot,
  nowMs: number,
  parameters: LifecycleParameters,
): TimeProblem[] {
  const outside = (ms: number) => ms < EARLIEST_MS || ms > LATEST_MS;
  const why = (what: string, ms: number) =>
    `${what} ${new Date(ms).toISOString()} is outside 0000-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z, the range RFC 3339 can write in UTC`;
  const stamps: Array<[string, string | null | undefined]> = [
    ['/capturedAt', snapshot.capturedAt],
    ['/cancellation/requestedAt', snapshot.cancellation?.requestedAt],
    ['/cancellation/firstLoginAt', snapshot.cancellation?.firstLoginAt],
  ];
  const found: TimeProblem[] = [];
  for (const [pointer, text] of stamps) {
    if (typeof text === 'string' && outside(epochMs(text)))
      found.push({ pointer, message: why('in UTC this is', epochMs(text)) });
  }
  if (outside(nowMs)) found.push({ pointer: '', message: why('the evaluation time', nowMs) });
  const cancellation = snapshot.cancellation;
  // A requestedAt already out of range says so once, not again for the instants after it.
  if (cancellation === null || found.length > 0) return found;
  const endsAtMs = coolingOffEndsAtMs(epochMs(cancellation.requestedAt), parameters);
  const releaseMs = endsAtMs + parameters.phoneReleaseDays * DAY_MS;
  const pointer = '/cancellation/requestedAt';
  if (outside(endsAtMs)) found.push({ pointer, message: why('the end of cooling-off', endsAtMs) });
  else if (cancellation.firstLoginAt === null && nowMs >= endsAtMs && outside(releaseMs))
    found.push({ pointer, message: why('the phone release', releaseMs) });
  return found;
}

function timeProblems(
  snapshot: AccountSnapshot,
  nowMs: number,
  parameters: LifecycleParameters,
): TimeProblem[] {
  const now = isoUtc(nowMs);
  const stamps: Array<[string, string | null | undefined]> = [
    ['/capturedAt', snapshot.capturedAt],
    ['/cancellation/requestedAt', snapshot.cancellation?.requestedAt],
    ['/cancellation/firstLoginAt', snapshot.cancellation?.firstLoginAt],
  ];
  const found: TimeProblem[] = [];
  for (const [pointer, text] of stamps) {
    if (typeof text === 'string' && epochMs(text) > nowMs) {
      found.push({
        pointer,
        message: `must not be after the evaluation time ${now}, got ${JSON.stringify(text)} (${NOW_HINT})`,
      });
    }
  }
  const login = loginProblem(snapshot, parameters);
  // One problem per pointer: a login after the evaluation time is not also "after cooling-off".
  return login && !found.some((p) => p.pointer === login.pointer) ? [...found, login] : found;
}

/**
 * The hint of a timestamp after the evaluation time. It names no CLI flag: the library's and
 * HTTP's option is `now`; the CLI puts its own flag in its place (src/cli/program.ts).
 */
export const NOW_HINT = 'give the right evaluation time `now`, or fix the timestamp';

/** The first login after a request must fall inside the cooling-off period. */
function loginProblem(
  snapshot: AccountSnapshot,
  parameters: LifecycleParameters,
): TimeProblem | undefined {
  const cancellation = snapshot.cancellation;
  if (cancellation === null || cancellation.firstLoginAt === null) return undefined;
  const requestedAtMs = epochMs(cancellation.requestedAt);
  const loginMs = epochMs(cancellation.firstLoginAt);
  const pointer = '/cancellation/firstLoginAt';
  if (loginMs <= requestedAtMs) {
    return {
      pointer,
      message: `must be after requestedAt ${JSON.stringify(cancellation.requestedAt)}, got ${JSON.stringify(cancellation.firstLoginAt)}`,
    };
  }
  const endsAtMs = coolingOffEndsAtMs(requestedAtMs, parameters);
  if (loginMs >= endsAtMs) {
    return {
      pointer,
      message: `must be before the end of the ${parameters.coolingOffDays}-day cooling-off period ${isoUtc(endsAtMs)} (a cancelled account cannot log in), got ${JSON.stringify(cancellation.firstLoginAt)}`,
    };
  }
  return undefined;
}
