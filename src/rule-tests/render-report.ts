/**
 * The text output of `account-policy test`, for people: ✓/✗ per case with where it is written,
 * a diff for each failure, optionally the coverage table, and last, alone on its line,
 * "N passed, N failed" (scripts may read that line).
 */
import picocolors from 'picocolors';
import type {
  CaseResult,
  Coverage,
  Difference,
  DiffValue,
  RuleTestReport,
} from './rule-test-case.js';

export interface ReportTextOptions {
  /** Print the coverage table. */
  coverage: boolean;
  /** Print a line when rule coverage is below this percentage. Default: none. */
  coverageMin?: number | undefined;
  /** ANSI colours; the CLI turns them on only for a terminal. */
  color: boolean;
}

type Colors = ReturnType<typeof picocolors.createColors>;

export function renderReport(report: RuleTestReport, options: ReportTextOptions): string {
  const c = picocolors.createColors(options.color);
  const lines = report.cases.flatMap((result) => caseLines(result, c));
  if (options.coverage) lines.push('', ...coverageLines(report.coverage, c));
  const { percent } = report.coverage;
  if (options.coverageMin !== undefined && percent < options.coverageMin) {
    lines.push(
      '',
      c.red(
        `Rule coverage ${percentText(percent)} is below --coverage-min ${options.coverageMin}%. Add cases for: ${uncovered(report.coverage)}.`,
      ),
    );
  }
  lines.push('', `${report.summary.passed} passed, ${report.summary.failed} failed`);
  return `${lines.join('\n')}\n`;
}

function caseLines(result: CaseResult, c: Colors): string[] {
  const where = c.dim(`[${result.file}${result.line === undefined ? '' : `:${result.line}`}]`);
  if (result.passed) return [`${c.green('✓')} ${result.description}  ${where}`];
  const lines = [`${c.red('✗')} ${result.description}  ${where}`];
  let subject: string | undefined;
  for (const difference of result.differences) {
    if (difference.subject !== subject) {
      subject = difference.subject;
      lines.push(`    ${subject}:`);
    }
    lines.push(c.red(`      - ${difference.field}: ${shown(difference.expected, difference)}`));
    lines.push(c.green(`      + ${difference.field}: ${shown(difference.actual, difference)}`));
  }
  return lines;
}

/** Lists as [a, b]; messages quoted, so that a stray space or full stop shows. */
function shown(value: DiffValue, difference: Difference): string {
  if (value === null) return '(none)';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (typeof value === 'string' && difference.field.startsWith('message '))
    return JSON.stringify(value);
  return String(value);
}

function coverageLines(coverage: Coverage, c: Colors): string[] {
  const width = Math.max(
    ...coverage.rules.map((r) => r.id.length),
    ...coverage.consequences.map((r) => r.id.length),
  );
  const mark = (covered: boolean) => (covered ? c.green('✓') : c.red('✗'));
  const consequencesCovered = coverage.consequences.filter((entry) => entry.covered).length;
  return [
    `Rule coverage: ${coverage.rulesCovered} of ${coverage.rulesTotal} rules seen both holding and failing (${percentText(coverage.percent)})`,
    ...coverage.rules.map(
      (r) => `  ${mark(r.covered)} ${r.id.padEnd(width)}  held ${r.held} · failed ${r.failed}`,
    ),
    `Consequence coverage: ${consequencesCovered} of ${coverage.consequences.length} consequences seen listed (and, when conditional, not listed)`,
    ...coverage.consequences.map(
      (r) =>
        `  ${mark(r.covered)} ${r.id.padEnd(width)}  listed ${r.listed} · not listed ${r.notListed}${r.conditional ? ' (conditional)' : ''}`,
    ),
  ];
}

/** "phone-reuse.phone-bound (never fails), …": what the missing cases must show. */
function uncovered(coverage: Coverage): string {
  return coverage.rules
    .filter((rule) => !rule.covered)
    .map(
      (rule) =>
        `${rule.id} (${rule.held === 0 && rule.failed === 0 ? 'never checked' : rule.failed === 0 ? 'never fails' : 'never holds'})`,
    )
    .join(', ');
}

/** 93.75 → "93.7%": rounded down, so that "100%" always means every rule. */
export function percentText(percent: number): string {
  return `${Math.floor(percent * 10) / 10}%`;
}
