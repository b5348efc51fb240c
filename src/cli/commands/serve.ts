/**
 * `account-policy serve`: the HTTP service (docs/http.md) — a thin shell around createServer.
 * It listens, logs one JSON line per request on stderr, reloads the rules on SIGHUP (and on
 * change with --watch), and exits 0 after a graceful shutdown on SIGTERM or SIGINT.
 */
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { InvalidInputError } from '../../diagnostics.js';
import { shippedRulesFrom } from '../../paths.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import type { CliIo } from '../io.js';
import { wholeNumberUpTo as whole } from '../options.js';
import { readSigningKey } from '../log-key-files.js';

export interface ServeCommandOptions {
  port: number;
  host: string;
  rules?: string | undefined;
  log?: string | undefined;
  /** PEM file of the Ed25519 key that signs every head of the log. */
  logKey?: string | undefined;
  watch: boolean;
  /** Seconds requests at work get to finish after SIGTERM. */
  grace: number;
  /** Seconds a request may take from arrival to answer. */
  timeLimit: number;
  /** Seconds a request may wait for an admission slot. */
  queueWait: number;
  batchConcurrency: number;
  batchQueue: number;
  evaluateConcurrency: number;
  evaluateQueue: number;
}

/** Serves until SIGTERM/SIGINT; throws InvalidInputError for a broken rule set or an address it cannot listen on. */
export async function serveCommand(
  options: ServeCommandOptions,
  io: CliIo,
): Promise<CommandOutcome> {
  // Loaded here, not at start-up: every other command would otherwise pay for fastify.
  const { createServer } = await import('../../server/create-server.js');
  const { runUntilSignalled } = await import('../../server/run-until-signalled.js');
  // A SIGHUP while the rules load would kill the process (exit 129): the load under way reads
  // the files as they are now anyway, so it is ignored until runUntilSignalled takes over.
  const ignoreHangUp = () => undefined;
  process.on('SIGHUP', ignoreHangUp);
  const logKey = await readSigningKey(options.logKey, io.cwd);
  const fastify = await createServer({
    rules: options.rules ?? shippedRulesFrom(io.cwd),
    cwd: io.cwd,
    log: options.log,
    logKey,
    watch: options.watch,
    logStream: io.stderr,
    timeLimit: options.timeLimit * 1000,
    queueWait: options.queueWait * 1000,
    batchConcurrency: options.batchConcurrency,
    batchQueue: options.batchQueue,
    evaluateConcurrency: options.evaluateConcurrency,
    evaluateQueue: options.evaluateQueue,
  });
  try {
    // The bound address (port 0 picks a free one) is logged as "listening on http://…".
    await fastify.listen({
      port: options.port,
      host: options.host,
      listenTextResolver: (address) => `listening on ${address}`,
    });
  } catch (error) {
    await fastify.close();
    const reason =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? 'the address is already in use; choose another --port'
        : (error as Error).message;
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'usage',
        message: `cannot listen on ${options.host}:${options.port}: ${reason}`,
      },
    ]);
  }
  const stopping = runUntilSignalled(fastify, { graceMs: options.grace * 1000 });
  process.off('SIGHUP', ignoreHangUp);
  const stopped = await stopping;
  // The shutdown is over (within the grace and a second); whatever still holds the event loop
  // (a reload under way, a log append waiting for another writer's lock) must not outlive it.
  setTimeout(() => process.exit(), 100).unref();
  // 1: requests were still at work when the grace ended, and were cut off (counted in `stopped`).
  return { stdout: '', exitCode: stopped.drained ? EXIT.ok : EXIT.failed };
}

/** An empty --host (an unset "$HOST") would listen on every interface: refused. */
function host(value: string): string {
  if (value.trim() === '')
    throw new InvalidArgumentError(
      'must name an address, e.g. 127.0.0.1 (0.0.0.0: every interface)',
    );
  return value;
}

function port(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535 (0: any free port)');
  return number;
}

export const defineServe: DefineCommand = (program, { io, done }) => {
  program
    .command('serve')
    .description(
      'serve the policy over HTTP: POST /v1/evaluate, POST /v1/evaluate/batch, GET /v1/rules, /healthz, /readyz, /metrics, /openapi.json (docs/http.md)',
    )
    .option('--port <n>', 'TCP port (0: any free port; the bound address is logged)', port, 8080)
    .option('--host <address>', 'address to listen on', host, '127.0.0.1')
    .option('--rules <dir>', 'rule directory (default: the shipped rules/); reloaded on SIGHUP')
    .option(
      '--log <file>',
      'append every decision record to this hash-chained decision log before answering; 503 if it cannot be written (docs/decision-log.md)',
    )
    .option(
      '--log-key <pem>',
      'sign every head of the decision log with this Ed25519 private key (docs/decision-log.md)',
    )
    .option(
      '--watch',
      'reload the rules when a file in their directory changes, or the directory is replaced',
      false,
    )
    .option(
      '--grace <seconds>',
      'after SIGTERM, how long requests at work get to finish before they are stopped; exit 1 if any was cut off',
      whole(3600),
      10,
    )
    .option(
      '--time-limit <seconds>',
      'longest a request may take, queue wait included; then its work stops and it gets 503',
      whole(3600, 1),
      10,
    )
    .option(
      '--queue-wait <seconds>',
      'longest a request waits for an admission slot before 503 overloaded',
      whole(3600),
      2,
    )
    .option('--batch-concurrency <n>', 'batch requests at work at once', whole(256, 1), 2)
    .option('--batch-queue <n>', 'batch requests that may wait for a slot', whole(10_000), 8)
    .option('--evaluate-concurrency <n>', 'evaluates at work at once', whole(10_000, 1), 8)
    .option('--evaluate-queue <n>', 'evaluates that may wait for a slot', whole(100_000), 128)
    .action(async (flags) => done(await serveCommand(flags, io)));
};
