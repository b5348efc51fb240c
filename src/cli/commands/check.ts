/** `account-policy check`: validate a rule set without evaluating anything; list every problem. */
import { formatDiagnostic } from '../../diagnostics.js';
import { shippedRulesFrom } from '../../paths.js';
import { loadRuleSet } from '../../rules/load-rule-set.js';
import type { CheckReport } from '../../generated/check-output.js';
import type { CliIo } from '../io.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import type { Lang } from '../../lang.js';
import { formatOption, langOption, localeLang } from '../options.js';

export interface CheckCommandOptions {
  rules?: string | undefined;
  /** Warnings fail the check too. */
  strict: boolean;
  format: 'text' | 'json';
  /** Language of the text output and of the diagnostics in it. */
  lang: Lang;
}

export async function checkCommand(
  options: CheckCommandOptions,
  io: CliIo,
): Promise<CommandOutcome> {
  const dir = options.rules ?? shippedRulesFrom(io.cwd);
  const outcome = await loadRuleSet(dir, { cwd: io.cwd });
  const { diagnostics } = outcome;
  const report: CheckReport = {
    rules: dir,
    digest: outcome.ok ? outcome.ruleSet.digest : null,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics,
  };
  const failed = report.errors > 0 || (options.strict && report.warnings > 0);
  const exitCode = failed ? EXIT.invalidInput : EXIT.ok;
  if (options.format === 'json')
    return { stdout: `${JSON.stringify(report, null, 2)}\n`, exitCode };
  const lines = diagnostics.map((d) => formatDiagnostic(d, options.lang));
  const words = SUMMARY[options.lang];
  const counts = words.counts(report.errors, report.warnings);
  if (outcome.ok) {
    const { policies } = outcome.ruleSet;
    const rules = policies.reduce((n, p) => n + p.rules.length, 0);
    const consequences = policies.reduce((n, p) => n + p.consequences.length, 0);
    lines.push(
      `${failed ? '✗' : '✓'} ${dir}: ${words.loaded(policies.length, rules, consequences)}; ${counts}${failed ? ' (--strict)' : ''}`,
    );
  } else {
    lines.push(`✗ ${dir}: ${counts}${words.refused}`);
  }
  return { stdout: `${lines.join('\n')}\n`, exitCode };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const SUMMARY = {
  en: {
    counts: (errors: number, warnings: number) =>
      `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    loaded: (policies: number, rules: number, consequences: number) =>
      `${plural(policies, 'policy', 'policies')}, ${plural(rules, 'rule')}, ${plural(consequences, 'consequence')}`,
    refused: '; nothing evaluates with this rule set until they are fixed',
  },
  'zh-CN': {
    counts: (errors: number, warnings: number) => `${errors} 个错误，${warnings} 个警告`,
    loaded: (policies: number, rules: number, consequences: number) =>
      `${policies} 个策略，${rules} 条规则，${consequences} 条后果`,
    refused: '；修正之前，这套规则不能用于任何评估',
  },
} as const;

export const defineCheck: DefineCommand = (program, { io, done, useLang }) => {
  program
    .command('check')
    .description(
      'check a rule set without evaluating anything: every problem, with file:line:col (exit 2 on errors)',
    )
    .option('--rules <dir>', 'rule directory (default: the shipped rules/)')
    .option('--strict', 'warnings fail the check too', false)
    .addOption(formatOption())
    .addOption(
      langOption(
        'language of the text output (default: from the locale, else en)',
        localeLang(io.env),
      ),
    )
    .action(async (flags) => {
      useLang(flags.lang);
      done(await checkCommand(flags, io));
    });
};
