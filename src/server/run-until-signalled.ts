/**
 * The served process's life: SIGHUP reloads the rules; SIGTERM (or SIGINT) shuts down
 * (src/server/shutdown.ts): no new decision starts, requests at work get `graceMs` to finish,
 * then they are stopped and the connections closed. The final log line, `stopped`, counts the
 * requests that were cut off and says whether all of them drained.
 */
import type { FastifyInstance } from 'fastify';
import type { ShutdownReport } from './shutdown.js';

export interface ShutdownOptions {
  /** Milliseconds in-flight requests get to finish after SIGTERM. Default: 10 000. */
  graceMs?: number | undefined;
}

export type Stopped = ShutdownReport & { signal: NodeJS.Signals };

/** Resolves, once the server is closed, with the signal that stopped it and how the shutdown went. */
export function runUntilSignalled(
  fastify: FastifyInstance,
  options: ShutdownOptions = {},
): Promise<Stopped> {
  const graceMs = options.graceMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const onHangUp = () =>
      void fastify
        .reloadRules()
        .catch((error: unknown) => fastify.log.error({ err: error }, 'rules reload failed'));
    let stopping = false;
    const onStop = (signal: NodeJS.Signals) => {
      // The handlers stay until the end: a second signal, or a writer's own signal handler
      // (src/output/remove-on-signal.ts), must not end the process in the middle of a shutdown
      // that already has an end.
      if (stopping) return void fastify.log.info({ signal }, 'already shutting down');
      stopping = true;
      fastify.log.info({ signal, graceMs }, 'shutting down: finishing in-flight requests');
      fastify.shutdown(graceMs).then((report) => {
        process.off('SIGTERM', onStop).off('SIGINT', onStop).off('SIGHUP', onHangUp);
        fastify.log[report.drained ? 'info' : 'warn']({ signal, ...report }, 'stopped');
        resolve({ signal, ...report });
      }, reject);
    };
    process.on('SIGHUP', onHangUp).on('SIGTERM', onStop).on('SIGINT', onStop);
  });
}
