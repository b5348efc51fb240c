/* Generated from schemas/report.schema.json by scripts/generate-types.mjs: do not edit. */

import type { Diagnostic } from './diagnostic.js';

/**
 * What `account-policy report --format json` prints: the report over many decisions that every format renders. The summary counts every input; only the per-account and per-error lists are capped, and they say how many they leave out.
 */
export interface Report {
  /**
   * The language of titles and reasons.
   */
  lang: 'zh-CN' | 'en';
  /**
   * The sources as given on the command line, in order.
   */
  inputs: string[];
  /**
   * The evaluation time given for snapshots (--now), or null: each snapshot's capturedAt.
   */
  now: string | null;
  /**
   * The rule set that evaluated snapshots and names the rules: its directory as given (null: the shipped rules/), digest, and the rule ids it marks as premises.
   */
  ruleSet: {
    dir: string | null;
    /**
     * The IANA zone (parameters.yaml timeZone) the html and md reports show times in, as people write them; times in this JSON stay RFC 3339.
     */
    timeZone: string;
    /**
     * sha256 over the rule files (names and contents, line endings normalised): same files, same digest.
     */
    digest: string;
    /**
     * The rule ids this rule set marks `premise: true`, in rule-set order. They alone decide notApplicable and blocked in the policy tallies, for records made under any rule set: a record names rule ids, not whether they are premises.
     */
    premises: string[];
  };
  /**
   * Where the numbers come from (docs/reports.md, "Provenance"): each input with its kind and the sha256 of its bytes, the decision log's verified head, whether every input was a verified decision log, and every rules digest the decisions were made under.
   */
  provenance: {
    inputs: {
      /**
       * The source as given on the command line.
       */
      file: string;
      /**
       * log: a decision log, verified before it was read; records: decision or error records (from batch); snapshots: snapshots evaluated here.
       */
      kind: 'log' | 'records' | 'snapshots';
      /**
       * sha256 (lowercase hex) of the file's bytes; null for stdin and directories.
       */
      digest: string | null;
    }[];
    /**
     * The decision log's verified head (what `log-head` prints): its last committed entry's seq and hash; null when no input is a decision log. A report takes at most one log.
     */
    logHead: null | {
      seq: number;
      hash: string;
    };
    /**
     * True only when every input is a decision log whose chain verified (a log that does not verify is refused, never reported). False when any input is plain records or snapshots, which nothing vouches for.
     */
    verified: boolean;
    /**
     * Every rules digest the reported decisions were made under, sorted.
     */
    rulesDigests: string[];
  };
  summary: ReportSummary;
  /**
   * One entry per decision, at most --max-accounts of them, in input order.
   */
  accounts: {
    total: number;
    shown: number;
    omitted: number;
    entries: AccountEntry[];
  };
  /**
   * One entry per input that gave no decision, at most --max-accounts of them, in input order; byCode counts them all.
   */
  errors: {
    total: number;
    shown: number;
    omitted: number;
    entries: ErrorEntry[];
    byCode: Tally[];
  };
  /**
   * What a reader should know before trusting the numbers, e.g. mixed-rule-digests.
   */
  warnings: Diagnostic[];
}
export interface ReportSummary {
  /**
   * Decisions reported: one per account snapshot (from records, or evaluated here).
   */
  accounts: number;
  /**
   * Inputs that gave no decision: error records, invalid records, invalid snapshots.
   */
  errors: number;
  /**
   * How many decisions came from decision records.
   */
  fromRecords: number;
  /**
   * How many decisions came from snapshots evaluated here.
   */
  fromSnapshots: number;
  /**
   * Per policy, in rule-set order: how many decisions include it, and how they came out.
   */
  policies: PolicyTally[];
  /**
   * Every rule that failed at least once, most frequent first (ties by rule id).
   */
  failingRules: FailingRule[];
  /**
   * Lifecycle states in a fixed order (none, cooling_off, withdrawn, cancelled); zero counts included.
   */
  lifecycle: {
    state: 'none' | 'withdrawn' | 'cooling_off' | 'cancelled';
    count: number;
  }[];
  /**
   * Every rules digest seen, most frequent first: more than one means the decisions used different rules.
   */
  rulesDigests: Tally[];
  /**
   * Every engine version seen, most frequent first.
   */
  engineVersions: Tally[];
  /**
   * The earliest and latest evaluatedAt, or null when there is no decision.
   */
  evaluatedAt: null | {
    earliest: string;
    latest: string;
  };
}
export interface PolicyTally {
  policy: string;
  /**
   * The policy's title in the report's language, from the rule set (its name when the rule set lacks it).
   */
  title: string;
  decided: number;
  pass: number;
  /**
   * Decisions with outcome fail: notApplicable + blocked.
   */
  fail: number;
  /**
   * Fails whose every reason is a rule the report's rule set marks as a premise (ruleSet.premises): the policy does not apply to the account.
   */
  notApplicable: number;
  /**
   * Every other fail: at least one reason is not a premise (or the fail gives no reason).
   */
  blocked: number;
}
export interface FailingRule {
  rule: string;
  policy: string;
  /**
   * The source section the rule cites.
   */
  source: string;
  /**
   * The rule's description from the rule set, or null when the rule set has no such rule.
   */
  description: string | null;
  count: number;
  /**
   * Percent of the decisions that include the rule's policy, one decimal.
   */
  percent: number;
}
export interface Tally {
  value: string;
  count: number;
}
export interface AccountEntry {
  accountId: string;
  /**
   * sha256 (hex) of input.digest, rules.digest, evaluatedAt and input.unbind, one per line: replaying the same snapshot with the same rules at the same time gives the same id.
   */
  decisionId: string;
  /**
   * The digest of the snapshot the decision was made from (the record's input.digest).
   */
  inputDigest: string;
  evaluatedAt: string;
  lifecycle: 'none' | 'withdrawn' | 'cooling_off' | 'cancelled';
  /**
   * The unbind target asked about, or null.
   */
  unbind: string | null;
  at: Location;
  policies: AccountPolicy[];
}
/**
 * Where an input sits: its file ("-" for stdin) and, in NDJSON, its 1-based line.
 */
export interface Location {
  file: string;
  line: number | null;
}
export interface AccountPolicy {
  policy: string;
  /**
   * pass exactly when reasons is empty.
   */
  outcome: 'pass' | 'fail';
  /**
   * Failing rules with their reason in the report's language.
   */
  reasons: {
    rule: string;
    source: string;
    message: string;
  }[];
}
export interface ErrorEntry {
  at: Location;
  /**
   * Where the error record is in the report's input; null when the snapshot was read here.
   */
  record: Location | null;
  /**
   * The first diagnostic's code.
   */
  code: string;
  /**
   * The first diagnostic's message (after its JSON pointer, if any).
   */
  message: string;
  /**
   * How many diagnostics there were in all.
   */
  diagnostics: number;
}
