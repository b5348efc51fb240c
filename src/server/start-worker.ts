/**
 * Starts a worker thread on a module next to the caller. From the built package (dist/) the
 * worker just imports it. From the TypeScript sources (vitest, whose module runner does not
 * reach into worker threads) the worker first registers tsx (a dev dependency) so that it runs
 * the very sources under test, never a stale dist/.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `url` is the worker module as the caller's own `import.meta.url` names it (`.js` or `.ts`). */
export function startWorker(url: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  // Started from a line of code, not the file itself: a worker started from a file fails under
  // `node --input-type=module -e …`, whose flags it inherits. Only dynamic imports, so the line
  // runs as CommonJS and as ES module code alike.
  const load = `import(${JSON.stringify(url.href)})`;
  const bootstrap = url.pathname.endsWith('.ts')
    ? `import('tsx/esm/api').then(({ register }) => { register(); return ${load}; });`
    : `${load};`;
  return new Worker(bootstrap, { ...options, eval: true });
}
