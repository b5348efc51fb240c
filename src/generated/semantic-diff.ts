/* Generated from schemas/semantic-diff.schema.json by scripts/generate-types.mjs: do not edit. */

import type { AccountSnapshot } from './account-snapshot.js';
import type { PolicyName } from './policy-file.js';

/**
 * What a rule change can do to any account, found without a corpus (docs/diff.md): `diff --base A --rules B --format json` with no corpus prints it, and with a corpus it is the report's `semantic` section. Each change comes with example accounts on which the rule's decision really differs between A and B.
 */
export interface SemanticDiff {
  rules: {
    base: RuleSetSummary;
    new: RuleSetSummary;
    /**
     * Every parameter of rules/parameters.yaml whose value differs, in the file's order (coolingOffDays, phoneReleaseDays, timeZone).
     */
    parameterChanges: ParameterChange[];
  };
  /**
   * equivalent: proved that no rule's decision can differ, on any account; changes: at least one change has examples; unknown: no example was found, but not every rule was proved unchanged (see undecided).
   */
  verdict: 'equivalent' | 'changes' | 'unknown';
  /**
   * Every (policy, rule, direction) whose decision differs on some account: every more-permissive change first, then the less-permissive ones; within each, in policy and rule order.
   */
  changes: RuleChange[];
  /**
   * Rules for which no example was found and no proof either: the analysis cannot say whether their decision can change.
   */
  undecided: {
    policy: PolicyName;
    rule: string;
  }[];
  /**
   * Every rule reason and consequence message whose template is written differently, in policy and rule order: what an account is told can change even where no decision does. Not part of the verdict, which is about decisions.
   */
  wording: TemplateChange[];
}
export interface RuleSetSummary {
  /**
   * The directory as given; null for the rules/ shipped with the package.
   */
  dir: string | null;
  /**
   * sha256 over the rule files (names and contents, line endings normalised): same files, same digest.
   */
  digest: string;
}
export interface ParameterChange {
  name: 'coolingOffDays' | 'phoneReleaseDays' | 'timeZone';
  /**
   * The value under the base rules.
   */
  base: number | string;
  /**
   * The value under the new rules.
   */
  new: number | string;
}
export interface RuleChange {
  policy: PolicyName;
  /**
   * The rule id (present in either rule set).
   */
  rule: string;
  /**
   * more-permissive: the rule fails under the base and holds under the new rules (an account it stopped may now pass); less-permissive: the reverse.
   */
  direction: 'more-permissive' | 'less-permissive';
  /**
   * Accounts on which the rule's decision differs, both evaluated for real; those where the whole policy's outcome flips come first.
   *
   * @minItems 1
   */
  examples: [ChangeExample, ...ChangeExample[]];
}
export interface ChangeExample {
  snapshot: AccountSnapshot;
  /**
   * The evaluation time (--now).
   */
  now: string;
  /**
   * The binding id to unbind (--unbind), for the unbind policy.
   */
  unbind?: string;
  before: PolicyOutcome;
  after: PolicyOutcome;
}
export interface PolicyOutcome {
  outcome: 'pass' | 'fail';
  /**
   * The rules that fail, in rule order.
   */
  failing: string[];
}
export interface TemplateChange {
  policy: PolicyName;
  /**
   * The rule or consequence id, present in both rule sets.
   */
  id: string;
  /**
   * reason: a rule's reason; consequence: a consequence's message.
   */
  kind: 'reason' | 'consequence';
  /**
   * The languages whose template differs, in the order zh-CN, en.
   *
   * @minItems 1
   */
  languages: ['zh-CN' | 'en', ...('zh-CN' | 'en')[]];
}
