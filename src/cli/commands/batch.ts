/**
 * `account-policy batch`: many snapshots to decision records, one NDJSON line each, in input
 * order. Records stream out as they are decided (stdout or --out); a progress bar goes to
 * stderr on a terminal; a summary closes the run. Exit 0 when everything evaluated, 2 when
 * some inputs were bad (they are error records in the output).
 */
import cliProgress from 'cli-progress';
import type { DecisionRecord } from '../../render/record.js';
import { appendToLog } from '../../audit/log/append-to-log.js';
import { loggedKeys, recordKey } from '../../audit/log/logged-keys.js';
import { readSigningKey } from '../log-key-files.js';
import { uncommittedNotice } from '../log-notices.js';
import { InvalidInputError } from '../../diagnostics.js';
import { resolveOptions, type EngineName } from '../../evaluate/options.js';
import { totalBytes } from '../../load/read-snapshots.js';
import { openOutput } from '../../output/open-output.js';
import { runBatch, type BatchSummary } from '../../batch/run-batch.js';
import type { Lang } from '../../lang.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { engineOption, langOption, wholeNumber } from '../options.js';

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
  io: CliIo;
}

export async function batchCommand(options: BatchCommandOptions): Promise<CommandOutcome> {
  const { io } = options;
  const checked = resolveOptions({ now: options.now, lang: options.lang });
  if (!checked.ok) throw new InvalidInputError(checked.diagnostics);
  // Before any work: an --out that is an input, or cannot be written, is refused at once.
  const files =
    options.logKey === undefined
      ? []
      : [{ path: options.logKey, what: `the signing key ${options.logKey} (--log-key)` }];
  const inputs = {
    sources: options.inputs,
    rules: options.rules,
    log: options.log,
    files,
    stdin: io.stdin,
  };
  const key = await readSigningKey(options.logKey, io.cwd);
  const output = await openOutput({ out: options.out, cwd: io.cwd, stdout: io.stdout, inputs });
  const notices: string[] = [];
  // Decisions the log already holds (a rerun after a failure) are output, not logged again.
  const logged =
    options.log === undefined
      ? undefined
      : await loggedKeys(options.log, io.cwd).catch(async (error: unknown) => {
          await output.abort();
          throw error;
        });
  let skipped = 0;
  let progress: Awaited<ReturnType<typeof progressBar>> | undefined;
  let summary: BatchSummary;
  try {
    progress = io.stderr.isTTY ? await progressBar(options.inputs, io) : undefined;
    summary = await runBatch(
      {
        inputs: options.inputs,
        rules: options.rules,
        workers: options.workers,
        cwd: io.cwd,
        stdin: io.stdin,
        evaluate: {
          now: options.now,
          lang: options.lang,
          explain: options.explain,
          engine: options.engine,
        },
        onProgress: progress?.update,
      },
      async (lines) => {
        // Fail closed: a record reaches the output only once it is in the log.
        if (options.log !== undefined && logged) {
          const fresh = lines
            .map((line) => JSON.parse(line) as DecisionRecord)
            .filter((record) => {
              const id = recordKey(record);
              if (logged.has(id)) return false;
              logged.add(id);
              return true;
            });
          skipped += lines.length - fresh.length;
          await appendToLog(options.log, fresh, {
            cwd: io.cwd,
            key,
            onUncommitted: (moved) => notices.push(uncommittedNotice(moved)),
          });
        }
        if (lines.length > 0) await output.write(`${lines.join('\n')}\n`);
      },
    );
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  } finally {
    progress?.stop();
  }
  const already =
    skipped === 0
      ? ''
      : `  ${skipped} record${skipped === 1 ? ' was' : 's were'} already in ${options.log} (same decision id): output, not logged again\n`;
  return {
    stdout: '',
    stderr: notices.join('') + summaryText(summary) + already,
    exitCode: summary.errors > 0 ? EXIT.invalidInput : EXIT.ok,
  };
}

async function progressBar(inputs: readonly string[], io: CliIo) {
  const total = await totalBytes(inputs, io.cwd);
  const format =
    total === undefined
      ? 'batch {count} snapshots · {rate}/s'
      : 'batch [{bar}] {percentage}% · {count} snapshots · {rate}/s · ETA {eta_formatted}';
  const bar = new cliProgress.SingleBar(
    {
      format,
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total ?? 1, 0, { count: 0, rate: 0 });
  return {
    update: ({ count, bytes }: { count: number; bytes: number }) =>
      bar.update(total === undefined ? 0 : bytes, {
        count,
        rate: Math.round(count / Math.max(0.001, (performance.now() - started) / 1000)),
      }),
    stop: () => bar.stop(),
  };
}

function summaryText(summary: BatchSummary): string {
  const seconds = summary.elapsedMs / 1000;
  const total = summary.evaluated + summary.errors;
  const lines = [
    `batch: ${summary.evaluated} evaluated, ${summary.errors} error${summary.errors === 1 ? '' : 's'} in ${seconds.toFixed(2)} s (${Math.round(total / Math.max(seconds, 0.001))}/s)`,
  ];
  const width = Math.max(0, ...Object.keys(summary.policies).map((name) => name.length));
  for (const [name, counts] of Object.entries(summary.policies))
    lines.push(`  ${name.padEnd(width)}  pass ${counts.pass}  fail ${counts.fail}`);
  if (summary.errors > 0)
    lines.push(
      `  ${summary.errors} input${summary.errors === 1 ? ' was' : 's were'} refused: see the records with "kind":"error" (exit status 2)`,
    );
  return `${lines.join('\n')}\n`;
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
      wholeNumber,
    )
    .action(async (inputs, flags) => done(await batchCommand({ inputs, ...flags, io })));
};
