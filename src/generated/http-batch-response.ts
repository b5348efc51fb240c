/* Generated from schemas/http-batch-response.schema.json by scripts/generate-types.mjs: do not edit. */

import type { EvaluationResult } from './evaluation-result.js';
import type { ErrorResponse } from './http-error.js';
import type { EvaluateResponse } from './http-evaluate-response.js';

/**
 * Which rule set decided.
 */
export type Rules = EvaluationResult['rules'];

/**
 * The answer of POST /v1/evaluate/batch: one result per item, in the order of the items. All were decided by the one rule set named in `rules`.
 */
export interface BatchResponse {
  rules: Rules;
  /**
   * How many items were decided.
   */
  evaluated: number;
  /**
   * How many items were refused (each with its diagnostics).
   */
  errors: number;
  /**
   * Items: A decision (it has decisionId) or, for an item that could not be evaluated, an error (it has error and diagnostics).
   */
  results: (EvaluateResponse | ErrorResponse)[];
}
