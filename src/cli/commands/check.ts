/** `account-policy check`: validate a rule set without evaluating anything; list every problem. */
import { formatDiagnostic } from '../../diagnostics.js';
import { shippedRulesFrom } from '../../paths.js';
import { loadRuleSet } from '../../rules/load-rule-set.js';
import type { CheckReport } from '../../generated/check-output.js';
import type { CliIo } from '../io.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import { formatOption } from '../options.js';

export interface CheckCommandOptions {
  rules?: string | undefined;
  /** Warnings fail the check too. */
  strict: boolean;
  format: 'text' | 'json';
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
  const lines = diagnostics.map(formatDiagnostic);
  const counts = `${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}`;
  if (outcome.ok) {
    const { policies } = outcome.ruleSet;
    const rules = policies.reduce((n, p) => n + p.rules.length, 0);
    const consequences = policies.reduce((n, p) => n + p.consequences.length, 0);
    lines.push(
      `${failed ? '✗' : '✓'} ${dir}: ${policies.length} policies, ${rules} rules, ${consequences} consequences; ${counts}${failed ? ' (--strict)' : ''}`,
    );
  } else {
    lines.push(`✗ ${dir}: ${counts}; nothing evaluates with this rule set until they are fixed`);
  }
  return { stdout: `${lines.join('\n')}\n`, exitCode };
}

export const defineCheck: DefineCommand = (program, { io, done }) => {
  program
    .command('check')
    .description(
      'check a rule set without evaluating anything: every problem, with file:line:col (exit 2 on errors)',
    )
    .option('--rules <dir>', 'rule directory (default: the shipped rules/)')
    .option('--strict', 'warnings fail the check too', false)
    .addOption(formatOption())
    .action(async (flags) => done(await checkCommand(flags, io)));
};
