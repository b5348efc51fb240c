/**
 * Exclusive access to a log while appending: a promise queue per file inside this process, and
 * proper-lockfile (a `FILE.lock` directory) across processes. A writer that dies leaves its lock
 * behind; once the lock's mtime is `STALE_MS` old, the next writer takes it over.
 */
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LogWriteError, logWriteErrorOf } from './log-write-error.js';

/** A held lock's mtime is refreshed every STALE_MS / 2; older than this, the holder is presumed dead. */
const STALE_MS = 10_000;

/** Default wait for the lock: longer than STALE_MS, so a dead writer's lock is outlived. */
export const DEFAULT_LOCK_WAIT_MS = 20_000;

export interface HeldLock {
  /** Throws a LogWriteError when another process may have taken the lock from us. */
  assertHeld(): void;
}

/** Appends in this process wait for each other here rather than poll the lock directory. */
const queues = new Map<string, Promise<unknown>>();

/** Runs `work` while holding the lock of the log at `path` (absolute); `file` names it in errors. */
export async function withLogLock<T>(
  file: string,
  path: string,
  waitMs: number,
  work: (lock: HeldLock) => Promise<T>,
): Promise<T> {
  const key = resolve(path);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(() => lockedRun(file, key, waitMs, work));
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  try {
    return await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

async function lockedRun<T>(
  file: string,
  path: string,
  waitMs: number,
  work: (lock: HeldLock) => Promise<T>,
): Promise<T> {
  let compromised: Error | undefined;
  const release = await acquire(file, path, waitMs, (error) => (compromised = error));
  const lock: HeldLock = {
    assertHeld() {
      if (compromised) {
        throw new LogWriteError(
          file,
          'locked',
          `lost the lock ${path}.lock while appending (${compromised.message}); another writer may have appended at the same time — run \`account-policy verify-log ${file}\``,
          { cause: compromised },
        );
      }
    },
  };
  try {
    const result = await work(lock);
    lock.assertHeld();
    return result;
  } finally {
    // A compromised lock is already gone (possibly someone else's now): do not remove it.
    if (!compromised) await release().catch(() => undefined);
  }
}

/** Takes the lock, retrying with jittered back-off until `waitMs` has passed. */
async function acquire(
  file: string,
  path: string,
  waitMs: number,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      // realpath: false, because the log need not exist yet; onCompromised replaces the default,
      // which throws from a timer and would crash the process.
      // Loaded on first use: most commands never write a log.
      const { default: lockfile } = await import('proper-lockfile');
      return await lockfile.lock(path, {
        realpath: false,
        stale: STALE_MS,
        retries: 0,
        onCompromised,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED')
        throw logWriteErrorOf(file, `take the lock ${path}.lock`, error);
      if (Date.now() >= deadline) {
        throw new LogWriteError(
          file,
          'locked',
          `another writer has held the lock ${path}.lock for over ${waitMs} ms; retry later, or if no writer is running, the lock is removed automatically once it is ${STALE_MS / 1000} s old`,
          { cause: error },
        );
      }
      // Short, jittered polls: an append holds the lock for milliseconds, and a lock directory
      // has no queue, so a waiter that sleeps long keeps losing it to a writer in a loop.
      const backoff = Math.min(10, 1 + attempt);
      await sleep(Math.min(backoff * (0.5 + Math.random()), Math.max(1, deadline - Date.now())));
    }
  }
}
