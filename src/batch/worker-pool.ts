/**
 * A fixed set of worker threads, each evaluating one chunk at a time. `run` resolves with the
 * chunk's result; chunks wait in a queue for a free worker. Any worker failure rejects that
 * chunk, and the batch fails as a whole. A worker that reports other rules than the ones it
 * was sent (rules-identity.ts) fails the start: no chunk is ever sent to it.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerSetup, FromWorker, ToWorker, WorkerReady } from './batch-worker.js';
import type { ChunkResult } from './evaluate-chunk.js';
import { identityMismatch, rulesIdentity, type RulesIdentity } from './rules-identity.js';

interface Job {
  message: ToWorker;
  resolve(result: ChunkResult): void;
  reject(error: Error): void;
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly workers: Worker[] = [];

  private constructor() {}

  /**
   * Starts `size` workers and waits until each has built its Policy from `setup.ruleSet` and
   * reported the same rules; otherwise every worker is stopped and the start rejects.
   */
  static async start(size: number, setup: WorkerSetup): Promise<WorkerPool> {
    const url = new URL('./batch-worker.js', import.meta.url);
    if (import.meta.url.endsWith('.ts'))
      throw new Error(
        'worker threads run the built package (dist/); from TypeScript sources use workers: 0',
      );
    const pool = new WorkerPool();
    const expected = rulesIdentity(setup.ruleSet);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawn(url, setup, expected)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  private spawn(url: URL, setup: WorkerSetup, expected: RulesIdentity): Promise<void> {
    return new Promise((ready, failed) => {
      const worker = new Worker(url, { workerData: setup });
      this.workers.push(worker);
      worker.once('error', failed);
      let started = false;
      worker.on('message', (message: FromWorker | WorkerReady) => {
        if (started) return this.settle(worker, message as FromWorker);
        // The first message must be the report of the rules it built, and they must be ours.
        const mismatch = identityMismatch(expected, (message as Partial<WorkerReady>)?.ready);
        if (mismatch !== undefined) return failed(new Error(mismatch));
        started = true;
        this.release(worker);
        ready();
      });
      worker.on('error', (error) => this.busy.get(worker)?.reject(error));
      worker.on('exit', (code) => {
        if (!started)
          failed(new Error(`a batch worker exited with code ${code} before it was ready`));
        if (code !== 0)
          this.busy.get(worker)?.reject(new Error(`a batch worker exited with code ${code}`));
      });
    });
  }

  run(message: ToWorker): Promise<ChunkResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage(job.message);
    }
  }

  private settle(worker: Worker, message: FromWorker): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    if (job) {
      if ('error' in message) job.reject(new Error(`batch worker failed: ${message.error}`));
      else job.resolve({ lines: message.lines, tally: message.tally });
    }
    this.release(worker);
  }

  private release(worker: Worker): void {
    this.idle.push(worker);
    this.dispatch();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
