/* Generated from schemas/analysis.schema.json by scripts/generate-types.mjs: do not edit. */

import type { AccountSnapshot } from './account-snapshot.js';
import type { PolicyName } from './policy-file.js';

/**
 * true: a witness shows it; false: proved impossible (docs/analysis.md); unknown: neither a witness nor a proof was found.
 */
export type Answer = true | false | 'unknown';

/**
 * What `account-policy analyze --format json` prints (docs/analysis.md): for every rule, and every consequence with a condition, whether its condition can hold and can fail, each yes with a witness account on which `evaluate` gives that outcome.
 */
export interface Analysis {
  /**
   * The digest of the rule set analysed.
   */
  digest: string;
  /**
   * Every rule, in output order (policy by policy, in file order). `holds`: the policy does not list the rule among its reasons; `fails`: it does.
   */
  rules: EntryAnalysis[];
  /**
   * Every consequence that has an appliesWhen condition. `holds`: the policy passes and lists it; `fails`: the policy passes and does not list it.
   */
  consequences: EntryAnalysis[];
}
export interface EntryAnalysis {
  /**
   * The rule or consequence id.
   */
  id: string;
  policy: PolicyName;
  /**
   * The rule file it is written in.
   */
  file: string;
  /**
   * The line its list entry starts on; null when unknown.
   */
  line: number | null;
  canHold: Answer;
  canFail: Answer;
  /**
   * A witness on which it holds, or null.
   */
  holds: Witness | null;
  /**
   * A witness on which it fails, or null.
   */
  fails: Witness | null;
}
/**
 * An account and how to evaluate it: a complete, schema-valid snapshot, the evaluation time, and the binding to unbind when the policy needs one.
 */
export interface Witness {
  snapshot: AccountSnapshot;
  /**
   * The evaluation time (--now).
   */
  now: string;
  /**
   * The binding id to unbind (--unbind).
   */
  unbind?: string;
}
