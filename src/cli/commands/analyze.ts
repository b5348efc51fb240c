/**
 * `account-policy analyze`: can each rule hold, and can it fail? Each yes with a witness account
 * the real evaluator confirmed, each no with a proof (docs/analysis.md). Exit 0 when every rule
 * can both hold and fail; 1 when one cannot, or is unknown; 2 for a rule set that does not load.
 */
import { analyzeRuleSet, loadForAnalysis } from '../../analysis/analyze-rule-set.js';
import { decided, renderAnalysis } from '../../analysis/render-analysis.js';
import { refuseHandWritten, ruleTestsText } from '../../analysis/write-tests.js';
import { openOutput } from '../../output/open-output.js';
import { forFlag } from '../../output/write-failed.js';
import { shippedRulesFrom } from '../../paths.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { formatOption, langOption, localeLang } from '../options.js';

export interface AnalyzeCommandOptions {
  rules?: string | undefined;
  format: 'text' | 'json';
  lang: 'zh-CN' | 'en';
  /** Also write the witnesses as a rule-test file here. */
  writeTests?: string | undefined;
}

export async function analyzeCommand(
  options: AnalyzeCommandOptions,
  io: CliIo,
): Promise<CommandOutcome> {
  const dir = options.rules ?? shippedRulesFrom(io.cwd);
  // Before any work: a --write-tests file that must not be written is refused at once.
  const toStdout = options.writeTests === '-';
  const tests =
    options.writeTests === undefined || toStdout
      ? undefined
      : await refuseHandWritten(options.writeTests, io.cwd)
          .then(() =>
            openOutput({
              out: options.writeTests,
              cwd: io.cwd,
              stdout: io.stdout,
              inputs: { rules: options.rules, rulesScope: 'top-level' },
            }),
          )
          .catch((error: unknown) => Promise.reject(forFlag(error, '--write-tests')));
  try {
    const { policy, positions } = await loadForAnalysis({ rules: dir, cwd: io.cwd });
    const analysis = await analyzeRuleSet(policy, positions);
    if (tests) {
      const text = await ruleTestsText(policy, analysis);
      await tests
        .write(text)
        .then(() => tests.commit())
        .catch((error: unknown) => Promise.reject(forFlag(error, '--write-tests')));
    }
    const exitCode = analysis.rules.every(decided) ? EXIT.ok : EXIT.failed;
    // `--write-tests -`: the test file is the output.
    if (toStdout) return { stdout: await ruleTestsText(policy, analysis), exitCode };
    const stdout =
      options.format === 'json'
        ? `${JSON.stringify(analysis, null, 2)}\n`
        : renderAnalysis(analysis, dir, options.lang);
    return { stdout, exitCode };
  } catch (error) {
    await tests?.abort();
    throw error;
  }
}

export const defineAnalyze: DefineCommand = (program, { io, done, useLang }) => {
  program
    .command('analyze')
    .description(
      'show that every rule can hold and can fail, each with a witness account (exit 1 when one cannot or is unknown)',
    )
    .option('--rules <dir>', 'rule directory (default: the shipped rules/)')
    .addOption(formatOption())
    .addOption(
      langOption(
        'language of the text output (default: from the locale, else en)',
        localeLang(io.env),
      ),
    )
    .option(
      '--write-tests <file>',
      'also write the witnesses as rule test cases (one per rule holding and failing) to this file',
    )
    .action(async (flags) => {
      useLang(flags.lang);
      done(await analyzeCommand(flags, io));
    });
};
