/* Generated from schemas/diff-report.schema.json by scripts/generate-types.mjs: do not edit. */

import type { DiagnosticCode } from './diagnostic.js';
import type { PolicyName } from './policy-file.js';
import type { ParameterChange, RuleSetSummary, SemanticDiff } from './semantic-diff.js';

/**
 * What `account-policy diff --format json` prints: what a rule change does to a corpus of snapshots. Objects are printed in the key order given here, lists in rule-set or corpus order.
 */
export interface DiffReport {
  /**
   * Snapshots in the corpus, valid or not.
   */
  snapshots: number;
  /**
   * Snapshots whose decision, lifecycle state or validity differs between the rule sets.
   */
  changed: number;
  /**
   * Snapshots valid under both rule sets that are shown at least one reason or consequence, present on both sides, in different words (in either language). Not counted in `changed`: wording is not a decision.
   */
  wordingChanged: number;
  /**
   * The evaluation time given with --now; null: each snapshot's capturedAt.
   */
  now: string | null;
  rules: {
    base: RuleSetSummary;
    new: RuleSetSummary;
    /**
     * Rule ids the base rule set has and the new one lacks, in base order.
     */
    removedRuleIds: string[];
    /**
     * Rule ids only the new rule set has, in new order.
     */
    addedRuleIds: string[];
    /**
     * Every parameter of rules/parameters.yaml whose value differs, in the file's order (coolingOffDays, phoneReleaseDays, timeZone).
     */
    parameterChanges: ParameterChange[];
  };
  /**
   * Every evaluated policy, in output order (cancel, withdraw, phone-reuse).
   */
  policies: {
    [k: string]: PolicyDiff;
  };
  /**
   * Only rules some snapshot flips, in rule-set order.
   */
  ruleChanges: RuleDiff[];
  /**
   * Every reason or consequence that some snapshot is shown, under both rule sets, in different words: in rule-set order (per policy, its rules, then its consequences).
   */
  messageChanges: MessageChange[];
  /**
   * Only state changes that occur, e.g. cooling_off → cancelled.
   */
  lifecycle: LifecycleDiff[];
  invalid: {
    underNewOnly: InvalidSample;
    underBaseOnly: InvalidSample;
    underBoth: InvalidSample;
  };
  /**
   * What the rule change can do to any account, found without the corpus (semantic-diff.schema.json).
   */
  semantic?: SemanticDiff;
}
export interface PolicyDiff {
  passToFail: Sample;
  failToPass: Sample;
  reasonsChanged: Sample;
  unchanged: {
    count: number;
  };
}
/**
 * How many snapshots, and the first few of their account ids in corpus order.
 */
export interface Sample {
  count: number;
  examples: string[];
}
export interface RuleDiff {
  rule: string;
  newlyFails: Sample;
  newlyHolds: Sample;
}
export interface MessageChange {
  policy: PolicyName;
  /**
   * The rule or consequence id.
   */
  id: string;
  /**
   * reason: a rule's reason; consequence: a consequence's message.
   */
  kind: 'reason' | 'consequence';
  /**
   * The languages in which some snapshot's message differs, in the order zh-CN, en.
   *
   * @minItems 1
   */
  languages: ['zh-CN' | 'en', ...('zh-CN' | 'en')[]];
  /**
   * Snapshots shown this reason or consequence under both rule sets, in different words.
   */
  count: number;
  /**
   * The first few of their account ids, in corpus order.
   */
  examples: string[];
  /**
   * What the first of them is shown, before and after, in each language (the same text on both sides in a language that did not change for it).
   */
  example: {
    accountId: string;
    before: Texts;
    after: Texts;
  };
}
export interface Texts {
  'zh-CN': string;
  en: string;
}
/**
 * A Sample of the snapshots whose lifecycle state went from `from` to `to`.
 */
export interface LifecycleDiff {
  from: 'none' | 'withdrawn' | 'cooling_off' | 'cancelled';
  to: 'none' | 'withdrawn' | 'cooling_off' | 'cancelled';
  count: number;
  examples: string[];
}
export interface InvalidSample {
  count: number;
  examples: InvalidExample[];
}
/**
 * A snapshot one or both rule sets refused, located by the first diagnostic.
 */
export interface InvalidExample {
  /**
   * From the rule set that did evaluate it; null when neither did.
   */
  accountId: string | null;
  file: string;
  /**
   * 1-based line: the NDJSON line, or the line of the problem in a snapshot file.
   */
  line: number | null;
  code: DiagnosticCode;
  pointer: string | null;
  message: string;
}
