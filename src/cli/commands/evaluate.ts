/** `account-policy evaluate`: one snapshot, every policy, as text or JSON. */
import { appendToLog } from '../../audit/log/append-to-log.js';
import { resultOfRecord } from '../../render/record.js';
import { formatDiagnostic } from '../../diagnostics.js';
import type { EngineName } from '../../evaluate/options.js';
import type { EvaluationResult } from '../../generated/evaluation-result.js';
import { readInputText } from '../../load/read-text.js';
import { shippedRulesFrom } from '../../paths.js';
import { loadPolicy } from '../../evaluate/policy.js';
import { renderText } from '../../render/text.js';
import type { Lang } from '../../lang.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import { wantsColor, type CliIo } from '../io.js';
import { readSigningKey } from '../log-key-files.js';
import { engineOption, formatOption, langOption } from '../options.js';
import { uncommittedNotice } from '../log-notices.js';

export interface EvaluateCommandOptions {
  /** A .json/.yaml file, or "-" for stdin. */
  snapshot: string;
  now?: string | undefined;
  unbind?: string | undefined;
  format: 'text' | 'json';
  lang: Lang;
  rules?: string | undefined;
  explain: boolean;
  engine: EngineName;
  /** Append the decision record to this decision log before printing anything. */
  log?: string | undefined;
  /** PEM file of the Ed25519 key that signs the log's new head. */
  logKey?: string | undefined;
}

/** Returns what to print (rule-set warnings on stderr); throws InvalidInputError on bad input. */
export async function evaluateCommand(
  options: EvaluateCommandOptions,
  io: CliIo,
): Promise<CommandOutcome> {
  const key = await readSigningKey(options.logKey, io.cwd);
  const notices: string[] = [];
  const policy = await loadPolicy({
    rules: options.rules ?? shippedRulesFrom(io.cwd),
    cwd: io.cwd,
  });
  const input = await readInputText(options.snapshot, { cwd: io.cwd, stdin: io.stdin });
  const evaluateOptions = {
    file: input.file,
    format: input.format,
    now: options.now,
    unbind: options.unbind,
    lang: options.lang,
    explain: options.explain,
    engine: options.engine,
  };
  let result: EvaluationResult;
  if (options.log === undefined) {
    result = await policy.evaluateText(input.text, evaluateOptions);
  } else {
    // Fail closed: the decision is printed only once its record is safely in the log.
    const record = await policy.recordText(input.text, {
      ...evaluateOptions,
      source: { file: input.file },
    });
    await appendToLog(options.log, [record], {
      cwd: io.cwd,
      key,
      onUncommitted: (moved) => notices.push(uncommittedNotice(moved)),
    });
    result = resultOfRecord(record);
  }
  const stdout =
    options.format === 'json'
      ? `${JSON.stringify(result, null, 2)}\n`
      : renderText(result, policy.ruleSet, { lang: options.lang, color: wantsColor(io) });
  const stderr = [
    ...policy.warnings.map((warning) => `account-policy: ${formatDiagnostic(warning)}\n`),
    ...notices,
  ].join('');
  return { stdout, stderr, exitCode: EXIT.ok };
}

export const defineEvaluate: DefineCommand = (program, { io, done }) => {
  program
    .command('evaluate')
    .description('evaluate every policy for one account snapshot (JSON or YAML)')
    .argument('<snapshot>', 'snapshot file (.json, .yaml, .yml), or - for stdin')
    .option(
      '--now <time>',
      "evaluation time, RFC 3339 with a zone offset (default: the snapshot's capturedAt, else the current time)",
    )
    .option(
      '--unbind <binding-id>',
      'also decide whether this bank card or authorization may be unbound',
    )
    .addOption(formatOption())
    .addOption(langOption('language of reasons'))
    .option('--rules <dir>', 'rule directory (default: the shipped rules/)')
    .option(
      '--log <file>',
      'append the decision record to this hash-chained decision log (docs/decision-log.md); nothing is printed if that fails',
    )
    .option(
      '--log-key <pem>',
      "sign the log's new head with this Ed25519 private key (docs/decision-log.md)",
    )
    .addOption(engineOption())
    .option(
      '--explain',
      'show every condition of every rule: the fact and path read, the value found, the operator, the value expected, the result',
      false,
    )
    .action(async (snapshot, flags) => {
      done(await evaluateCommand({ snapshot, ...flags }, io));
    });
};
