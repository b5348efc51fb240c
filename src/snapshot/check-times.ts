/**
 * The time rules of SPEC §1 that need the evaluation time: nothing may happen after it, and the
 * first login after a request must fall inside the cooling-off period (a finally cancelled
 * account cannot log in).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { AccountSnapshot } from '../generated/account-snapshot.js';
import type { ParsedDocument } from '../load/parse-document.js';
import { coolingOffEndsAtMs, type LifecycleParameters } from '../facts/lifecycle.js';
import { epochMs, isoUtc } from '../facts/time.js';

export function checkTimes(
  snapshot: AccountSnapshot,
  nowMs: number,
  parameters: LifecycleParameters,
  document: ParsedDocument,
  file: string,
): Diagnostic[] {
  const problem = firstTimeProblem(snapshot, nowMs, parameters);
  if (!problem) return [];
  return [{ severity: 'error', code: 'inconsistent-time', message: problem.message, file, pointer: problem.pointer, ...document.locate(problem.pointer) }];
}

function firstTimeProblem(snapshot: AccountSnapshot, nowMs: number, parameters: LifecycleParameters): { pointer: string; message: string } | undefined {
  const now = isoUtc(nowMs);
  const stamps: Array<[string, string | null | undefined]> = [
    ['/capturedAt', snapshot.capturedAt],
    ['/cancellation/requestedAt', snapshot.cancellation?.requestedAt],
    ['/cancellation/firstLoginAt', snapshot.cancellation?.firstLoginAt],
  ];
  for (const [pointer, text] of stamps) {
    if (typeof text === 'string' && epochMs(text) > nowMs) {
      return { pointer, message: `must not be after the evaluation time ${now}, got ${JSON.stringify(text)} (pass --now, or fix the timestamp)` };
    }
  }
  const cancellation = snapshot.cancellation;
  if (cancellation === null || cancellation.firstLoginAt === null) return undefined;
  const requestedAtMs = epochMs(cancellation.requestedAt);
  const loginMs = epochMs(cancellation.firstLoginAt);
  const pointer = '/cancellation/firstLoginAt';
  if (loginMs <= requestedAtMs) {
    return { pointer, message: `must be after requestedAt ${JSON.stringify(cancellation.requestedAt)}, got ${JSON.stringify(cancellation.firstLoginAt)}` };
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
