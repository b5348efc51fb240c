/**
 * The data of rule testing: a case as loaded and checked (ready to run), and what running the
 * cases reports. Plain data throughout, so `account-policy test --format json` prints it as is.
 */
import type { ExpectedOutcome, Language } from '../generated/rule-tests.js';
import type { ParsedDocument } from '../load/parse-document.js';
import type { PolicyName } from '../rules/rule-set.js';

/** Where a case's snapshot comes from: written inline in the case file, or a fixture file. */
export type SnapshotSource =
  | {
      kind: 'inline';
      value: unknown;
      /** The case file, so that a refusal can point at the line inside the inline snapshot. */
      document: ParsedDocument;
      /** JSON pointer of the snapshot inside the case file, e.g. /cases/3/snapshot. */
      pointer: string;
    }
  | { kind: 'file'; file: string; text: string };

export interface RuleTestCase {
  /** The case file, as shown to people (relative to the working directory when possible). */
  file: string;
  /** Position in the file's `cases` list, 0-based (as in the JSON pointer /cases/<index>). */
  index: number;
  /** 1-based line where the case starts. */
  line: number | undefined;
  description: string;
  now: string;
  unbind: string | undefined;
  lang: Language;
  snapshot: SnapshotSource;
  expect: ExpectedOutcome;
}

export type DiffValue = string | number | readonly string[] | null;

/** One way the actual outcome differs from the expected one. `null` means "none". */
export interface Difference {
  /** What it is about: `lifecycle`, `error`, or a policy name such as `cancel`. */
  subject: 'lifecycle' | 'error' | PolicyName;
  /** The field compared, e.g. `diagnostic`, `state`, `outcome`, `failing`, `consequences`, `message cancel.balance-zero`. */
  field: string;
  expected: DiffValue;
  actual: DiffValue;
}

export interface CaseResult {
  file: string;
  index: number;
  line: number | undefined;
  description: string;
  passed: boolean;
  /** Empty exactly when the case passed. */
  differences: Difference[];
}

/** How often passing cases saw a rule hold and fail. Covered when both happened. */
export interface RuleCoverage {
  id: string;
  policy: PolicyName;
  held: number;
  failed: number;
  covered: boolean;
}

/**
 * How often passing cases saw a consequence listed, and not listed although its policy passed.
 * Covered when listed, and for a conditional consequence (one with `appliesWhen`) also not listed.
 */
export interface ConsequenceCoverage {
  id: string;
  policy: PolicyName;
  conditional: boolean;
  listed: number;
  notListed: number;
  covered: boolean;
}

export interface Coverage {
  rules: RuleCoverage[];
  consequences: ConsequenceCoverage[];
  rulesCovered: number;
  rulesTotal: number;
  /** rulesCovered / rulesTotal × 100. `--coverage-min` compares against this. */
  percent: number;
}

export interface RuleTestReport {
  /** The rule set the cases ran against. */
  rules: { dir: string; digest: string };
  cases: CaseResult[];
  summary: { passed: number; failed: number };
  coverage: Coverage;
}
