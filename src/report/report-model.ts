/**
 * The report over many decisions: what every format renders, and exactly what `--format json`
 * prints. The summary counts every input; only the per-account and per-error lists are capped,
 * and they say how many they leave out, so a million records fit in bounded memory.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Lifecycle, PolicyResult } from '../generated/decision-record.js';
import type { Lang } from '../lang.js';

export interface Report {
  /** The language of titles and reasons. */
  lang: Lang;
  /** The sources as given on the command line, in order. */
  inputs: string[];
  /** The evaluation time given for snapshots (`--now`), or null: each snapshot's capturedAt. */
  now: string | null;
  /** The rule set that evaluated snapshots and names the rules: its directory as given (null: the shipped rules/) and digest. */
  ruleSet: { dir: string | null; digest: string };
  summary: ReportSummary;
  accounts: Capped<AccountEntry>;
  errors: Capped<ErrorEntry> & { byCode: Tally[] };
  /** What a reader should know before trusting the numbers, e.g. `mixed-rule-digests`. */
  warnings: Diagnostic[];
}

export interface ReportSummary {
  /** Decisions reported: one per account snapshot (from records, or evaluated here). */
  accounts: number;
  /** Inputs that gave no decision: error records, invalid records, invalid snapshots. */
  errors: number;
  /** How many decisions came from decision records and how many from snapshots evaluated here. */
  fromRecords: number;
  fromSnapshots: number;
  /** Per policy, in rule-set order: how many decisions include it, and how they came out. */
  policies: PolicyTally[];
  /** Every rule that failed at least once, most frequent first (ties by rule id). */
  failingRules: FailingRule[];
  /** Lifecycle states in a fixed order (none, cooling_off, withdrawn, cancelled); zero counts included. */
  lifecycle: Array<{ state: Lifecycle['state']; count: number }>;
  /** Every rules digest seen, most frequent first: more than one means the decisions used different rules. */
  rulesDigests: Tally[];
  /** Every engine version seen, most frequent first. */
  engineVersions: Tally[];
  /** The earliest and latest evaluatedAt, or null when there is no decision. */
  evaluatedAt: { earliest: string; latest: string } | null;
}

export interface PolicyTally {
  policy: string;
  /** The policy's title in the report's language, from the rule set (its name when the rule set lacks it). */
  title: string;
  decided: number;
  pass: number;
  fail: number;
}

export interface FailingRule {
  rule: string;
  policy: string;
  /** The source section the rule cites. */
  source: string;
  /** The rule's description from the rule set, or null when the rule set has no such rule. */
  description: string | null;
  count: number;
  /** Percent of the decisions that include the rule's policy, one decimal. */
  percent: number;
}

export interface Tally {
  value: string;
  count: number;
}

/** A list that keeps at most `--max-accounts` entries, in input order, and counts the rest. */
export interface Capped<T> {
  total: number;
  shown: number;
  omitted: number;
  entries: T[];
}

/** Where an input sits: its file ("-" for stdin) and, in NDJSON, its 1-based line. */
export interface Location {
  file: string;
  line: number | null;
}

export interface AccountEntry {
  accountId: string;
  decisionId: string;
  evaluatedAt: string;
  lifecycle: Lifecycle['state'];
  /** The unbind target asked about, or null. */
  unbind: string | null;
  /** Where the record or snapshot is in the report's input. */
  at: Location;
  policies: AccountPolicy[];
}

export interface AccountPolicy {
  policy: string;
  outcome: PolicyResult['outcome'];
  /** Failing rules with their reason in the report's language. */
  reasons: Array<{ rule: string; source: string; message: string }>;
}

export interface ErrorEntry {
  /** The bad snapshot's file and line (for an error record: as the record names them). */
  at: Location;
  /** Where the error record is in the report's input; null when the snapshot was read here. */
  record: Location | null;
  /** The first diagnostic's code and message (after its JSON pointer, if any), and how many diagnostics there were in all. */
  code: string;
  message: string;
  diagnostics: number;
}
