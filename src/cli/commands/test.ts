/**
 * `account-policy test`: run the rule test cases in <rules>/tests/*.yaml, show a diff for each
 * failure, and optionally rule coverage. Exit 0 all passed; 1 a case failed or coverage is
 * below --coverage-min; 2 an invalid rule set or case file (diagnostics on stderr).
 */
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { InvalidInputError } from '../../diagnostics.js';
import { renderReport } from '../../rule-tests/render-report.js';
import { runRuleTests } from '../../rule-tests/run-rule-tests.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import { wantsColor, type CliIo } from '../io.js';
import { formatOption } from '../options.js';

export interface TestCommandOptions {
  /** Rule directory. Default: the shipped rules/. */
  rules?: string | undefined;
  /** Print the coverage table (text format). */
  coverage: boolean;
  /** Fail (exit 1) when fewer than this percentage of rules are covered. Default: no minimum. */
  coverageMin?: number | undefined;
  format: 'text' | 'json';
}

/** Throws InvalidInputError when the rule set or a case file is invalid. */
export async function testCommand(options: TestCommandOptions, io: CliIo): Promise<CommandOutcome> {
  const outcome = await runRuleTests({ rules: options.rules, cwd: io.cwd });
  if (!outcome.ok) throw new InvalidInputError(outcome.diagnostics);
  const { report } = outcome;
  const coverageMet =
    options.coverageMin === undefined || report.coverage.percent >= options.coverageMin;
  const exitCode = report.summary.failed === 0 && coverageMet ? EXIT.ok : EXIT.failed;
  if (options.format === 'json') {
    const minimum =
      options.coverageMin === undefined ? {} : { coverageMin: options.coverageMin, coverageMet };
    return { stdout: `${JSON.stringify({ ...report, ...minimum }, null, 2)}\n`, exitCode };
  }
  return {
    stdout: renderReport(report, {
      coverage: options.coverage,
      coverageMin: options.coverageMin,
      color: wantsColor(io),
    }),
    exitCode,
  };
}

function percentage(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100)
    throw new InvalidArgumentError('must be a number from 0 to 100, e.g. 100.');
  return value;
}

export const defineTest: DefineCommand = (program, { io, done }) => {
  program
    .command('test')
    .description(
      'run the rule test cases in <rules>/tests/*.yaml (exit 1 when one fails, 2 when a case file is invalid)',
    )
    .option('--rules <dir>', 'rule directory whose tests/ to run (default: the shipped rules/)')
    .option('--coverage', 'also show, per rule, how often cases saw it hold and fail', false)
    .addOption(
      new Option(
        '--coverage-min <percent>',
        'exit 1 when fewer than this percentage of rules were seen both holding and failing',
      ).argParser(percentage),
    )
    .addOption(formatOption())
    .action(async (flags) => {
      done(await testCommand(flags, io));
    });
};
