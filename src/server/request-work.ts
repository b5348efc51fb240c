/**
 * Every request's work can be stopped: when it outlives the time limit, when its client goes
 * away, and when a shutdown's grace ends. Each request gets an AbortSignal (`request.work`) that
 * the routes check between slices of a batch and just before the decision log commits; once its
 * records are committed, a request is answered whatever happens next. The server keeps the set
 * of requests in progress, so a shutdown can refuse the queued ones and cut off the rest.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { whenEnded } from './request-ended.js';
import { ClientGoneError, shuttingDown, timeLimitExceeded } from './unavailable.js';

export interface RequestWork {
  readonly signal: AbortSignal;
  /**
   * Throws the stop reason if the work was stopped, or if its time limit has passed: read from
   * the clock, not only from the timer, which fires late when the event loop was busy.
   */
  check(): void;
  /** True while the request waits for an admission slot. */
  queued: boolean;
  stop(reason: Error): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    work: RequestWork;
  }
}

export interface WorkInProgress {
  /** True from the start of a shutdown: every new request is refused with 503. */
  readonly closing: boolean;
  readonly size: number;
  /** Starts the shutdown: refuses new requests and stops the queued ones (→ 503). Returns how many were queued. */
  close(): number;
  /** Stops every request still in progress (→ 503 where the client is still there). Returns how many. */
  cutOff(): number;
}

/** Adds the onRequest hook that gives each request its work signal; returns the registry. */
export function trackWork(
  fastify: FastifyInstance,
  timeLimitMs: number,
  onClientGone: () => void,
): WorkInProgress {
  const inProgress = new Set<RequestWork>();
  let closing = false;
  fastify.decorateRequest('work', null as never);
  fastify.addHook('onRequest', async (request, reply) => {
    request.work = begin(reply, timeLimitMs, inProgress, onClientGone);
    if (closing) throw shuttingDown();
  });
  const stopWhere = (test: (work: RequestWork) => boolean): number => {
    let stopped = 0;
    for (const work of inProgress)
      if (test(work) && !work.signal.aborted) {
        work.stop(shuttingDown());
        stopped += 1;
      }
    return stopped;
  };
  return {
    get closing() {
      return closing;
    },
    get size() {
      return inProgress.size;
    },
    close() {
      closing = true;
      return stopWhere((work) => work.queued);
    },
    cutOff: () => stopWhere(() => true),
  };
}

function begin(
  reply: FastifyReply,
  timeLimitMs: number,
  inProgress: Set<RequestWork>,
  onClientGone: () => void,
): RequestWork {
  const controller = new AbortController();
  const deadline = performance.now() + timeLimitMs;
  const work: RequestWork = {
    signal: controller.signal,
    queued: false,
    stop: (reason) => controller.abort(reason),
    check() {
      if (!controller.signal.aborted && performance.now() > deadline)
        controller.abort(timeLimitExceeded(timeLimitMs));
      controller.signal.throwIfAborted();
    },
  };
  const timer = setTimeout(() => work.stop(timeLimitExceeded(timeLimitMs)), timeLimitMs);
  timer.unref();
  inProgress.add(work);
  whenEnded(reply.raw, () => {
    clearTimeout(timer);
    inProgress.delete(work);
    // 'close' before the answer was written out: the client is gone (a half-closed client that
    // still reads is not: its socket stays open until the answer is sent).
    if (reply.raw.writableFinished) return;
    onClientGone();
    work.stop(new ClientGoneError());
  });
  return work;
}
