/**
 * A fixed set of worker threads, each evaluating one chunk at a time. `run` resolves with the
 * chunk's result; chunks wait in a queue for a free worker. Any worker failure rejects that
 * chunk, and the batch fails as a whole.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerSetup, FromWorker, ToWorker } from './batch-worker.js';
import type { ChunkResult } from './evaluate-chunk.js';

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

  /** Starts `size` workers and waits until each has loaded the rule set. */
  static async start(size: number, setup: WorkerSetup): Promise<WorkerPool> {
    const url = new URL('./batch-worker.js', import.meta.url);
    if (import.meta.url.endsWith('.ts'))
      throw new Error(
        'worker threads run the built package (dist/); from TypeScript sources use workers: 0',
      );
    const pool = new WorkerPool();
    await Promise.all(Array.from({ length: size }, () => pool.spawn(url, setup)));
    return pool;
  }

  private spawn(url: URL, setup: WorkerSetup): Promise<void> {
    return new Promise((ready, failed) => {
      const worker = new Worker(url, { workerData: setup });
      this.workers.push(worker);
      worker.once('error', failed);
      worker.on('message', (message: FromWorker | 'ready') => {
        if (message === 'ready') {
          this.release(worker);
          ready();
        } else {
          this.settle(worker, message);
        }
      });
      worker.on('error', (error) => this.busy.get(worker)?.reject(error));
      worker.on('exit', (code) => {
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
