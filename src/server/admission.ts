/**
 * Admission control: each kind of work has a pool of slots and a short queue. A request takes
 * a slot before its body is read (so a queued request holds no body in memory) and gives it
 * back when its answer is done or its connection closes. When the queue is full, or a request
 * waited its longest for a slot, it is answered 503 `overloaded` with `Retry-After`. Status
 * endpoints take no slot: they are answered ahead of all work.
 */
import PQueue from 'p-queue';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { whenEnded } from './request-ended.js';
import { overloaded } from './unavailable.js';

export type PoolName = 'evaluate' | 'batch';

export interface PoolLimits {
  /** Requests of this kind worked on at once. */
  concurrency: number;
  /** Requests of this kind that may wait for a slot; one more is refused at once. */
  queue: number;
}

export interface Admission {
  /** The route-level onRequest hook that admits a request into `pool`. */
  admit(pool: PoolName): onRequestAsyncHookHandler;
  /** Requests waiting for a slot now. */
  queued(pool: PoolName): number;
  /** Requests holding a slot now. */
  running(pool: PoolName): number;
}

export interface AdmissionOptions {
  pools: Record<PoolName, PoolLimits>;
  /** Longest wait for a slot, in milliseconds, before 503. */
  queueWaitMs: number;
  /** Called for every request refused for want of a slot. */
  onShed?: (pool: PoolName, reason: 'queue-full' | 'queue-wait') => void;
}

export function createAdmission(options: AdmissionOptions): Admission {
  const queues = {
    evaluate: new PQueue({ concurrency: options.pools.evaluate.concurrency }),
    batch: new PQueue({ concurrency: options.pools.batch.concurrency }),
  };
  return {
    admit(pool) {
      const queue = queues[pool];
      const limit = options.pools[pool].queue;
      return async (request, reply) => {
        const waiting = queue.pending >= options.pools[pool].concurrency;
        if (waiting && queue.size >= limit) {
          options.onShed?.(pool, 'queue-full');
          throw overloaded(pool, queue.size);
        }
        await takeSlot(queue, request, reply, options.queueWaitMs, () => {
          options.onShed?.(pool, 'queue-wait');
          return overloaded(pool, queue.size);
        });
      };
    },
    queued: (pool) => queues[pool].size,
    running: (pool) => queues[pool].pending,
  };
}

/** Resolves once `request` holds a slot of `queue`, kept until its answer is done. */
async function takeSlot(
  queue: PQueue,
  request: FastifyRequest,
  reply: FastifyReply,
  queueWaitMs: number,
  tooLong: () => Error,
): Promise<void> {
  const waited = new AbortController();
  const timer = setTimeout(() => waited.abort(tooLong()), queueWaitMs);
  timer.unref();
  const signal = AbortSignal.any([request.work.signal, waited.signal]);
  request.work.queued = true;
  try {
    await new Promise<void>((admitted, refused) => {
      queue
        .add(
          () =>
            new Promise<void>((release) => {
              admitted();
              whenEnded(reply.raw, release);
            }),
          { signal },
        )
        .catch(refused);
    });
  } catch {
    throw signal.reason as Error;
  } finally {
    clearTimeout(timer);
    request.work.queued = false;
  }
}
