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
import type { Lang } from '../../lang.js';
import { shippedRulesFrom } from '../../paths.js';
import { updateExpectedMessages, type MessageUpdate } from '../../rule-tests/update-messages.js';
import { formatOption, langOption, localeLang } from '../options.js';

export interface TestCommandOptions {
  /** Rule directory. Default: the shipped rules/. */
  rules?: string | undefined;
  /** Print the coverage table (text format). */
  coverage: boolean;
  /** Fail (exit 1) when fewer than this percentage of rules are covered. Default: no minimum. */
  coverageMin?: number | undefined;
  format: 'text' | 'json';
  /** Rewrite the expected messages of failing cases to what the rules now say, then run again. */
  update: boolean;
  /** Language of the update listing and of diagnostics. */
  lang: Lang;
}

/** Throws InvalidInputError when the rule set or a case file is invalid. */
export async function testCommand(options: TestCommandOptions, io: CliIo): Promise<CommandOutcome> {
  const run = async () => {
    const outcome = await runRuleTests({ rules: options.rules, cwd: io.cwd });
    if (!outcome.ok) throw new InvalidInputError(outcome.diagnostics);
    return outcome;
  };
  const first = await run();
  let { report } = first;
  let updates = '';
  if (options.update) {
    const rules = options.rules ?? shippedRulesFrom(io.cwd);
    const caseFiles = first.caseFiles;
    const changed = await updateExpectedMessages(report, { cwd: io.cwd, rules, caseFiles });
    updates = renderUpdates(changed, options.lang);
    // What the cases say now: the report is of the updated files.
    if (changed.length > 0) ({ report } = await run());
  }
  const coverageMet =
    options.coverageMin === undefined || report.coverage.percent >= options.coverageMin;
  const exitCode = report.summary.failed === 0 && coverageMet ? EXIT.ok : EXIT.failed;
  if (options.format === 'json') {
    const minimum =
      options.coverageMin === undefined ? {} : { coverageMin: options.coverageMin, coverageMet };
    const stdout = `${JSON.stringify({ ...report, ...minimum }, null, 2)}\n`;
    return { stdout, stderr: updates, exitCode };
  }
  return {
    stdout: renderReport(report, {
      coverage: options.coverage,
      coverageMin: options.coverageMin,
      color: wantsColor(io),
    }),
    stderr: updates,
    exitCode,
  };
}

/** What --update changed, for stderr: each value before and after, then a count. */
function renderUpdates(updates: readonly MessageUpdate[], lang: Lang): string {
  const zh = lang === 'zh-CN';
  if (updates.length === 0)
    return zh ? '没有需要更新的预期消息。\n' : 'No expected message needed updating.\n';
  const files = new Set(updates.map((u) => u.file)).size;
  const lines = updates.flatMap((u) => [
    `${zh ? '已更新' : 'updated'} ${u.file}:${u.line}  ${u.policy} / ${u.id}`,
    `  - ${JSON.stringify(u.from)}`,
    `  + ${JSON.stringify(u.to)}`,
  ]);
  const n = updates.length;
  lines.push(
    zh
      ? `共更新 ${n} 条预期消息，涉及 ${files} 个文件；结果（outcome）和规则 id 均未改动。`
      : `${n} expected ${n === 1 ? 'message' : 'messages'} updated in ${files} ${files === 1 ? 'file' : 'files'}; outcomes and rule ids were not touched.`,
  );
  return `${lines.join('\n')}\n`;
}

function percentage(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100)
    throw new InvalidArgumentError('must be a number from 0 to 100, e.g. 100.');
  return value;
}

export const defineTest: DefineCommand = (program, { io, done, useLang }) => {
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
    .option(
      '--update',
      'rewrite the expected messages of failing cases to what the rules now say (never outcomes or rule ids), print what changed on stderr, and run again',
      false,
    )
    .addOption(formatOption())
    .addOption(
      langOption(
        'language of diagnostics and of the --update listing (default: from the locale, else en)',
        localeLang(io.env),
      ),
    )
    .action(async (flags) => {
      useLang(flags.lang);
      done(await testCommand(flags, io));
    });
};
