/**
 * The served process's life: SIGHUP reloads the rules; SIGTERM (or SIGINT) shuts down
 * gracefully — stop accepting connections, answer new requests on open connections with 503,
 * let in-flight requests finish (their decisions are in the log before they are answered),
 * close the rules watcher, then resolve. A shutdown that outlasts `graceMs` closes the
 * remaining connections.
 */
import type { FastifyInstance } from 'fastify';

export interface ShutdownOptions {
  /** Milliseconds in-flight requests get to finish after SIGTERM. Default: 10 000. */
  graceMs?: number | undefined;
}

/** Resolves with the signal that stopped the server, once it is closed. */
export function runUntilSignalled(
  fastify: FastifyInstance,
  options: ShutdownOptions = {},
): Promise<NodeJS.Signals> {
  const graceMs = options.graceMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const onHangUp = () =>
      void fastify
        .reloadRules()
        .catch((error: unknown) => fastify.log.error({ err: error }, 'rules reload failed'));
    const onStop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onStop).off('SIGINT', onStop).off('SIGHUP', onHangUp);
      fastify.log.info({ signal }, 'shutting down: finishing in-flight requests');
      const force = setTimeout(() => {
        fastify.log.warn(
          { graceMs },
          'in-flight requests outlasted the grace period; closing their connections',
        );
        fastify.server.closeAllConnections();
      }, graceMs);
      fastify.close().then(
        () => {
          clearTimeout(force);
          fastify.log.info('stopped');
          resolve(signal);
        },
        (error: unknown) => {
          clearTimeout(force);
          reject(error as Error);
        },
      );
    };
    process.on('SIGHUP', onHangUp).on('SIGTERM', onStop).on('SIGINT', onStop);
  });
}
