/* Generated from schemas/http-evaluate-response.schema.json by scripts/generate-types.mjs: do not edit. */

import type { EvaluationResult } from './evaluation-result.js';

/**
 * Only with explain: per policy evaluated, every rule (and every consequence with a condition) with the full trace of its condition — every comparison, none skipped.
 */
export type Explanation = Exclude<EvaluationResult['explanation'], undefined>;

/**
 * The account's cancellation lifecycle at the evaluation time (SPEC §2).
 */
export type Lifecycle = EvaluationResult['lifecycle'];

/**
 * One entry per policy, in the order cancel, unbind (only with a target), withdraw, phone-reuse.
 */
export type Policies = EvaluationResult['policies'];

/**
 * Which rule set decided.
 */
export type Rules = EvaluationResult['rules'];

/**
 * The answer of POST /v1/evaluate (and each decided item of a batch): the decision's id, then the SPEC §4 result exactly as `account-policy evaluate --format json` prints it (evaluation-result.schema.json), taken from the one decision record the server made.
 */
export interface EvaluateResponse {
  /**
   * sha256 (hex) of input.digest, rules.digest, evaluatedAt and input.unbind, one per line: replaying the same snapshot with the same rules at the same time gives the same id.
   */
  decisionId: string;
  /**
   * The snapshot's accountId.
   */
  accountId: string;
  /**
   * The evaluation time, ISO 8601 in UTC with milliseconds.
   */
  evaluatedAt: string;
  rules: Rules;
  lifecycle: Lifecycle;
  policies: Policies;
  explanation?: Explanation;
}
