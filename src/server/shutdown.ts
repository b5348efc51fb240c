/**
 * A graceful shutdown with an end. From its start no new decision starts: new requests and the
 * queued ones are answered 503 `shutting-down`, and the listener closes. Requests already at
 * work get the grace to finish. When it is over, their work is stopped (each is answered 503
 * where its client is still there, and logs nothing), then every connection is closed: the
 * shutdown is over within the grace and one second.
 */
import type { FastifyInstance } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import type { WorkInProgress } from './request-work.js';

export interface ShutdownReport {
  /** True when every request in progress finished within the grace. */
  drained: boolean;
  /** Requests whose work was stopped when the grace ended. */
  cutOff: number;
  /** Requests waiting for a slot when the shutdown began (answered 503). */
  refusedQueued: number;
  durationMs: number;
}

/** How long stopped requests get to write their 503 before the connections are cut. */
const STOPPING_MS = 600;
/** After the connections are cut, the longest wait for the server to report itself closed. */
const CLOSING_MS = 300;
/** Time for the log lines of the last requests to be written. */
const LAST_LINES_MS = 25;

export async function shutdown(
  fastify: FastifyInstance,
  work: WorkInProgress,
  graceMs: number,
): Promise<ShutdownReport> {
  const started = performance.now();
  const refusedQueued = work.close();
  let closed = false;
  const closing = fastify.close().then(() => {
    closed = true;
  });
  const settled = async (ms: number): Promise<void> => {
    const timer = new AbortController();
    const elapsed = delay(ms, undefined, { signal: timer.signal }).catch(() => undefined);
    await Promise.race([closing, elapsed]);
    timer.abort();
  };
  await settled(graceMs);
  let cutOff = 0;
  if (!closed) {
    cutOff = work.cutOff();
    fastify.log.warn(
      { graceMs, cutOff },
      'the grace is over: stopping the requests still in progress (nothing they decided is logged)',
    );
    await settled(STOPPING_MS);
    fastify.server.closeAllConnections();
    await settled(CLOSING_MS);
  }
  // The last requests' own log lines (an aborted one is logged a few ticks after its socket
  // closes) come first: `stopped` is the final line.
  await delay(LAST_LINES_MS);
  return {
    drained: cutOff === 0,
    cutOff,
    refusedQueued,
    durationMs: Math.round(performance.now() - started),
  };
}
