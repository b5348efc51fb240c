/**
 * The data of rule testing: a case as loaded and checked (ready to run), and what running the
 * cases reports. Plain data throughout, so `account-policy test --format json` prints it as is.
 */
import type { ExpectedOutcome, Language } from '../generated/rule-tests.js';
import type { ParsedDocument } from '../load/parse-document.js';
import type {
  CaseResult as GeneratedCaseResult,
  RuleTestReport as GeneratedRuleTestReport,
} from '../generated/rule-test-report.js';

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

/**
 * What running the cases reports is declared by schemas/rule-test-report.schema.json (what
 * `test --format json` prints). In memory a case's unknown line is `undefined` (JSON leaves it
 * out), so the types holding it say so.
 */
export type {
  ConsequenceCoverage,
  Coverage,
  Difference,
  DiffValue,
  RuleCoverage,
} from '../generated/rule-test-report.js';

export type CaseResult = Omit<GeneratedCaseResult, 'line'> & { line: number | undefined };

export type RuleTestReport = Omit<
  GeneratedRuleTestReport,
  'cases' | 'coverageMin' | 'coverageMet'
> & {
  cases: CaseResult[];
};
