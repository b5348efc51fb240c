/* Generated from schemas/rule-test-report.schema.json by scripts/generate-types.mjs: do not edit. */

import type { PolicyName } from './policy-file.js';

export type DiffValue = string | number | string[] | null;

/**
 * What `account-policy test --format json` prints: every case of <rules>/tests/*.yaml with how it differed from what it expects, the totals, and rule coverage.
 */
export interface RuleTestReport {
  /**
   * The rule set the cases ran against.
   */
  rules: {
    /**
     * The rule directory, as given (or the shipped rules/).
     */
    dir: string;
    /**
     * sha256 over the rule files (names and contents, line endings normalised): same files, same digest.
     */
    digest: string;
  };
  /**
   * In file order, then case order.
   */
  cases: CaseResult[];
  summary: {
    passed: number;
    failed: number;
  };
  coverage: Coverage;
  /**
   * --coverage-min, when given.
   */
  coverageMin?: number;
  /**
   * With --coverage-min: whether coverage.percent reached it.
   */
  coverageMet?: boolean;
}
export interface CaseResult {
  /**
   * The case file, as shown to people (relative to the working directory when possible).
   */
  file: string;
  /**
   * Position in the file's `cases` list, 0-based (as in the JSON pointer /cases/<index>).
   */
  index: number;
  /**
   * 1-based line where the case starts, when known.
   */
  line?: number;
  description: string;
  passed: boolean;
  /**
   * Empty exactly when the case passed.
   */
  differences: Difference[];
}
/**
 * One way the actual outcome differs from the expected one. null means "none".
 */
export interface Difference {
  /**
   * What it is about: lifecycle, error, or a policy name such as cancel.
   */
  subject: ('lifecycle' | 'error') | PolicyName;
  /**
   * The field compared, e.g. diagnostic, state, outcome, failing, consequences, `message cancel.balance-zero`.
   */
  field: string;
  expected: DiffValue;
  actual: DiffValue;
}
export interface Coverage {
  rules: RuleCoverage[];
  consequences: ConsequenceCoverage[];
  rulesCovered: number;
  rulesTotal: number;
  /**
   * rulesCovered / rulesTotal × 100. --coverage-min compares against this.
   */
  percent: number;
}
/**
 * How often passing cases saw a rule hold and fail. Covered when both happened.
 */
export interface RuleCoverage {
  id: string;
  policy: PolicyName;
  held: number;
  failed: number;
  covered: boolean;
}
/**
 * How often passing cases saw a consequence listed, and not listed although its policy passed. Covered when listed, and for a conditional consequence (one with appliesWhen) also not listed.
 */
export interface ConsequenceCoverage {
  id: string;
  policy: PolicyName;
  conditional: boolean;
  listed: number;
  notListed: number;
  covered: boolean;
}
