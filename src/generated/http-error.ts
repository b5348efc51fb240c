/* Generated from schemas/http-error.schema.json by scripts/generate-types.mjs: do not edit. */

import type { Diagnostic } from './diagnostic.js';

/**
 * Every 4xx and 5xx answer the server makes itself (and every refused batch item): a one-line summary and the diagnostics, the same ones `account-policy evaluate` prints (docs/diagnostics.md lists the codes). Never a decision.
 */
export interface ErrorResponse {
  /**
   * What went wrong, in one line: the HTTP reason and the first diagnostic.
   */
  error: string;
  /**
   * Why it could not be evaluated: the same diagnostics `evaluate` prints.
   *
   * @minItems 1
   */
  diagnostics: [Diagnostic, ...Diagnostic[]];
}
