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
import { readSigningKey } from '../log-key-files.js';

export interface ServeCommandOptions {
  port: number;
  host: string;
  rules?: string | undefined;
  log?: string | undefined;
  /** PEM file of the Ed25519 key that signs every head of the log. */
  logKey?: string | undefined;
  watch: boolean;
}

/** Serves until SIGTERM/SIGINT; throws InvalidInputError for a broken rule set or an address it cannot listen on. */
export async function serveCommand(
  options: ServeCommandOptions,
  io: CliIo,
): Promise<CommandOutcome> {
  // Loaded here, not at start-up: every other command would otherwise pay for fastify.
  const { createServer } = await import('../../server/create-server.js');
  const { runUntilSignalled } = await import('../../server/run-until-signalled.js');
  const logKey = await readSigningKey(options.logKey, io.cwd);
  const fastify = await createServer({
    rules: options.rules ?? shippedRulesFrom(io.cwd),
    cwd: io.cwd,
    log: options.log,
    logKey,
    watch: options.watch,
    logStream: io.stderr,
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
  await runUntilSignalled(fastify);
  return { stdout: '', exitCode: EXIT.ok };
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
      'serve the policy over HTTP: POST /v1/evaluate, POST /v1/evaluate/batch, GET /v1/rules, /healthz, /readyz, /openapi.json (docs/http.md)',
    )
    .option('--port <n>', 'TCP port (0: any free port; the bound address is logged)', port, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--rules <dir>', 'rule directory (default: the shipped rules/); reloaded on SIGHUP')
    .option(
      '--log <file>',
      'append every decision record to this hash-chained decision log before answering; 503 if it cannot be written (docs/decision-log.md)',
    )
    .option(
      '--log-key <pem>',
      'sign every head of the decision log with this Ed25519 private key (docs/decision-log.md)',
    )
    .option('--watch', 'reload the rules when a file in their directory changes', false)
    .action(async (flags) => done(await serveCommand(flags, io)));
};
