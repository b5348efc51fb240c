/**
 * One evaluate request → one decision record → the answer. The answer is taken from the record
 * (resultOfRecord), so the decisionId and the result come from the same evaluation, and the
 * record the decision log keeps is exactly what was answered.
 */
import {
  decisionRecord,
  resultOfRecord,
  type DecidedRecord,
  type Source,
} from '../render/record.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Policy } from '../evaluate/policy.js';
import type { EvaluateRequest } from '../generated/http-evaluate-request.js';
import type { EvaluateResponse } from '../generated/http-evaluate-response.js';

/**
 * schemas/http-evaluate-request.schema.json (once validated) and
 * schemas/http-evaluate-response.schema.json: the decision's id, then the SPEC §4 result.
 */
export type { EvaluateRequest, EvaluateResponse };

/** Evaluates one request into its record, or the CLI's diagnostics for a bad snapshot. */
export async function decide(
  policy: Policy,
  request: EvaluateRequest,
  source: Source,
): Promise<{ ok: true; record: DecidedRecord } | { ok: false; diagnostics: Diagnostic[] }> {
  const { now, unbind, lang, explain } = request;
  const outcome = await policy.decide(
    { snapshot: request.snapshot },
    { now, unbind, lang, explain },
  );
  if (!outcome.ok) return outcome;
  return { ok: true, record: await decisionRecord(outcome.decision, outcome.snapshot, source) };
}

export function evaluateResponse(record: DecidedRecord): EvaluateResponse {
  return { decisionId: record.decisionId, ...resultOfRecord(record) };
}
