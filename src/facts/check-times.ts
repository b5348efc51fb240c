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

export function checkTimes(
  snapshot: AccountSnapshot,
  nowMs: number,
  parameters: LifecycleParameters,
  document: ParsedDocument,
  file: string,
): Diagnostic[] {
  const range = firstOutOfRange(snapshot, nowMs, parameters);
  if (range)
    return [
      {
        severity: 'error',
        code: 'time-out-of-range',
        message: range.message,
        file,
        pointer: range.pointer,
        ...document.locate(range.pointer),
      },
    ];
  const problem = firstTimeProblem(snapshot, nowMs, parameters);
  if (!problem) return [];
  return [
    {
      severity: 'error',
      code: 'inconsistent-time',
      message: problem.message,
      file,
      pointer: problem.pointer,
      ...document.locate(problem.pointer),
    },
  ];
}

/** The instants RFC 3339 can write in UTC: years 0000 to 9999. Outside them, ISO output is "+010000-…". */
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Every instant the result may print — the evaluation time, the snapshot's timestamps in UTC, the
 * end of cooling-off and the phone release — must be writable as RFC 3339; e.g. a request on
 * 9999-12-30 would end its cooling-off in year 10000.
 */
function firstOutOfRange(
  snapshot: AccountSnapshot,
  nowMs: number,
  parameters: LifecycleParameters,
): { pointer: string; message: string } | undefined {
  const outside = (ms: number) => ms < EARLIEST_MS || ms > LATEST_MS;
  const why = (what: string, ms: number) =>
    `${what} ${new Date(ms).toISOString()} is outside 0000-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z, the range RFC 3339 can write in UTC`;
  const stamps: Array<[string, string | null | undefined]> = [
    ['/capturedAt', snapshot.capturedAt],
    ['/cancellation/requestedAt', snapshot.cancellation?.requestedAt],
    ['/cancellation/firstLoginAt', snapshot.cancellation?.firstLoginAt],
  ];
  for (const [pointer, text] of stamps) {
    if (typeof text === 'string' && outside(epochMs(text)))
      return { pointer, message: why('in UTC this is', epochMs(text)) };
  }
  if (outside(nowMs)) return { pointer: '', message: why('the evaluation time', nowMs) };
  const cancellation = snapshot.cancellation;
  if (cancellation === null) return undefined;
  const endsAtMs = coolingOffEndsAtMs(epochMs(cancellation.requestedAt), parameters);
  const releaseMs = endsAtMs + parameters.phoneReleaseDays * DAY_MS;
  const pointer = '/cancellation/requestedAt';
  if (outside(endsAtMs)) return { pointer, message: why('the end of cooling-off', endsAtMs) };
  if (cancellation.firstLoginAt === null && nowMs >= endsAtMs && outside(releaseMs))
    return { pointer, message: why('the phone release', releaseMs) };
  return undefined;
}

function firstTimeProblem(
  snapshot: AccountSnapshot,
  nowMs: number,
  parameters: LifecycleParameters,
): { pointer: string; message: string } | undefined {
  const now = isoUtc(nowMs);
  const stamps: Array<[string, string | null | undefined]> = [
    ['/capturedAt', snapshot.capturedAt],
    ['/cancellation/requestedAt', snapshot.cancellation?.requestedAt],
    ['/cancellation/firstLoginAt', snapshot.cancellation?.firstLoginAt],
  ];
  for (const [pointer, text] of stamps) {
    if (typeof text === 'string' && epochMs(text) > nowMs) {
      return {
        pointer,
        message: `must not be after the evaluation time ${now}, got ${JSON.stringify(text)} (pass --now, or fix the timestamp)`,
      };
    }
  }
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
