/**
 * `account-policy batch`: many snapshots to decision records, one NDJSON line each, in input
 * order. Records stream out as they are decided (stdout or --out); a progress bar goes to
 * stderr on a terminal; a summary closes the run. Exit 0 when everything evaluated, 2 when
 * some inputs were bad (they are error records in the output).
 */
import { InvalidInputError } from '../../diagnostics.js';
import { resolveOptions, type EngineName } from '../../evaluate/options.js';
import { openOutput } from '../../output/open-output.js';
import type { Output } from '../../output/output.js';
import type { BatchOptions, BatchSummary } from '../../batch/run-batch.js';
import type { Lang } from '../../lang.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { readSigningKey } from '../log-key-files.js';
import { engineOption, langOption, wholeNumberUpTo } from '../options.js';
import type { BatchLog } from './batch-log.js';
import type { ProgressBar } from './batch-progress.js';
import { alreadyLoggedText, summaryText } from './batch-summary.js';

export interface BatchCommandOptions {
  inputs: string[];
  out?: string | undefined;
  now?: string | undefined;
  lang: Lang;
  explain: boolean;
  engine: EngineName;
  rules?: string | undefined;
  workers?: number | undefined;
  /** Append every record to this decision log, chunk by chunk, before it is output. */
  log?: string | undefined;
  /** PEM file of the Ed25519 key that signs every head of the log. */
  logKey?: string | undefined;
}

/** The flags together with the outside world they run against. */
type BatchRun = BatchCommandOptions & { io: CliIo };

export async function batchCommand(flags: BatchCommandOptions, io: CliIo): Promise<CommandOutcome> {
  const options: BatchRun = { ...flags, io };
  const checked = resolveOptions({ now: options.now, lang: options.lang });
  if (!checked.ok) throw new InvalidInputError(checked.diagnostics);
  const key = await readSigningKey(options.logKey, io.cwd);
  // Before any work: an --out that is an input, or cannot be written, is refused at once.
  const output = await openOutput({
    out: options.out,
    cwd: io.cwd,
    stdout: io.stdout,
    inputs: guardedInputs(options),
  });
  const notices: string[] = [];
  const log =
    options.log === undefined
      ? undefined
      : await import('./batch-log.js')
          .then(({ openBatchLog }) => openBatchLog(options.log!, io.cwd, key, notices))
          .catch(async (error: unknown) => {
            await output.abort();
            throw error;
          });
  const summary = await runToOutput(options, output, log);
  return {
    stdout: '',
    stderr:
      notices.join('') + summaryText(summary) + alreadyLoggedText(log?.skipped() ?? 0, options.log),
    exitCode: summary.errors > 0 ? EXIT.invalidInput : EXIT.ok,
  };
}

/** What --out must not name: the inputs, the rules, the log and the signing key. */
function guardedInputs(options: BatchRun) {
  const files =
    options.logKey === undefined
      ? []
      : [{ path: options.logKey, what: `the signing key ${options.logKey} (--log-key)` }];
  return {
    sources: options.inputs,
    rules: options.rules,
    log: options.log,
    files,
    stdin: options.io.stdin,
  };
}

/** Runs the batch into `output`, committed only when every chunk was written. */
async function runToOutput(
  options: BatchRun,
  output: Output,
  log: BatchLog | undefined,
): Promise<BatchSummary> {
  let progress: ProgressBar | undefined;
  try {
    // Loaded here, not at start-up: the worker pool and the progress bar are batch's alone.
    const { progressBar } = await import('./batch-progress.js');
    const { runBatch } = await import('../../batch/run-batch.js');
    progress = options.io.stderr.isTTY ? await progressBar(options.inputs, options.io) : undefined;
    const summary = await runBatch(batchOptions(options, progress), async (lines) => {
      // Fail closed: a record reaches the output only once it is in the log.
      await log?.append(lines);
      if (lines.length > 0) await output.write(`${lines.join('\n')}\n`);
    });
    await output.commit();
    return summary;
  } catch (error) {
    await output.abort();
    throw error;
  } finally {
    progress?.stop();
  }
}

function batchOptions(options: BatchRun, progress: ProgressBar | undefined): BatchOptions {
  return {
    inputs: options.inputs,
    rules: options.rules,
    workers: options.workers,
    cwd: options.io.cwd,
    stdin: options.io.stdin,
    evaluate: {
      now: options.now,
      lang: options.lang,
      explain: options.explain,
      engine: options.engine,
    },
    onProgress: progress?.update,
  };
}

export const defineBatch: DefineCommand = (program, { io, done }) => {
  program
    .command('batch')
    .description(
      'evaluate many snapshots (NDJSON files, directories, or - for stdin) to decision records, one NDJSON line each, in input order',
    )
    .argument(
      '<inputs...>',
      'NDJSON files (one snapshot per line), directories of .json/.yaml/.yml files, or - for NDJSON on stdin',
    )
    .option(
      '--out <file>',
      'write the records here (renamed into place only when the batch completes; never one of the inputs or the log; - for stdout); default: stdout',
    )
    .option(
      '--now <time>',
      "evaluation time for every snapshot, RFC 3339 with a zone offset (default: each snapshot's capturedAt)",
    )
    .addOption(
      langOption('language of the records\' messages (both languages are kept in "messages")'),
    )
    .option('--explain', 'add the full condition trace to every record', false)
    .addOption(engineOption())
    .option('--rules <dir>', 'rule directory (default: the shipped rules/)')
    .option(
      '--log <file>',
      'append every record to this hash-chained decision log before it is output (docs/decision-log.md)',
    )
    .option(
      '--log-key <pem>',
      'sign every head of the decision log with this Ed25519 private key (docs/decision-log.md)',
    )
    .option(
      '--workers <n>',
      'worker threads (0: evaluate in the main thread; default: one per core)',
      wholeNumberUpTo(256),
    )
    .action(async (inputs, flags) => done(await batchCommand({ inputs, ...flags }, io)));
};
