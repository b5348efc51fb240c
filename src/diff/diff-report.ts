/**
 * The result of `account-policy diff`: what a rule change does to a corpus of snapshots.
 * `--format json` prints it as is, so its key order is part of the output: every object is
 * built in the order declared here, lists in rule-set or corpus order.
 */
import type { DiagnosticCode } from '../diagnostics.js';
import type { LifecycleState } from './compare-pair.js';

/** How many snapshots, and the first few of their account ids in corpus order. */
export interface Sample {
  count: number;
  examples: string[];
}

/** A snapshot one or both rule sets refused, located by the first diagnostic. */
export interface InvalidExample {
  /** From the rule set that did evaluate it; null when neither did. */
  accountId: string | null;
  file: string;
  /** 1-based line: the NDJSON line, or the line of the problem in a snapshot file. */
  line: number | null;
  code: DiagnosticCode;
  pointer: string | null;
  message: string;
}

export interface InvalidSample {
  count: number;
  examples: InvalidExample[];
}

export interface PolicyDiff {
  passToFail: Sample;
  failToPass: Sample;
  /** Fails under both, for a different set of rule ids. */
  reasonsChanged: Sample;
  unchanged: { count: number };
}

export interface RuleDiff {
  rule: string;
  /** Held under base, fails under new. */
  newlyFails: Sample;
  /** Failed under base, holds (or is gone) under new. */
  newlyHolds: Sample;
}

export interface LifecycleDiff extends Sample {
  from: LifecycleState;
  to: LifecycleState;
}

export interface RuleSetSummary {
  /** The directory as given; null for the rules/ shipped with the package. */
  dir: string | null;
  digest: string;
}

export interface DiffReport {
  /** Snapshots in the corpus, valid or not. */
  snapshots: number;
  /** Snapshots whose decision, lifecycle state or validity differs between the rule sets. */
  changed: number;
  /** The evaluation time given with --now; null: each snapshot's capturedAt. */
  now: string | null;
  rules: {
    base: RuleSetSummary;
    new: RuleSetSummary;
    /** Rule ids the base rule set has and the new one lacks, in base order. */
    removedRuleIds: string[];
    /** Rule ids only the new rule set has, in new order. */
    addedRuleIds: string[];
  };
  /** Every evaluated policy, in output order (cancel, withdraw, phone-reuse). */
  policies: Record<string, PolicyDiff>;
  /** Only rules some snapshot flips, in rule-set order. */
  ruleChanges: RuleDiff[];
  /** Only state changes that occur, e.g. cooling_off → cancelled. */
  lifecycle: LifecycleDiff[];
  invalid: {
    /** Valid under base, refused under new (e.g. a login now after a shorter cooling-off). */
    underNewOnly: InvalidSample;
    underBaseOnly: InvalidSample;
    underBoth: InvalidSample;
  };
}
