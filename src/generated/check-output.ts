/* Generated from schemas/check-output.schema.json by scripts/generate-types.mjs: do not edit. */

import type { Diagnostic } from './diagnostic.js';

/**
 * What `account-policy check --format json` prints: the rule set checked and every problem found in it.
 */
export interface CheckReport {
  /**
   * The rule directory checked, as given (or the shipped rules/).
   */
  rules: string;
  /**
   * The rule set's digest when it loaded; null when errors kept it from loading.
   */
  digest: null | string;
  /**
   * How many diagnostics are errors.
   */
  errors: number;
  /**
   * How many diagnostics are warnings (with --strict they fail the check too).
   */
  warnings: number;
  diagnostics: Diagnostic[];
}
