/** Everything createServer can be told, each with its default, filled in one place. */
import { resolve } from 'node:path';
import type { SigningKey } from '../audit/log/head-signature.js';
import { paths } from '../paths.js';
import type { PoolLimits, PoolName } from './admission.js';

export interface ServerOptions {
  /** Directory of rule files. Default: the rules/ shipped with the package. */
  rules?: string | undefined;
  /** A relative `rules` or `log` is resolved from here. Default: process.cwd(). */
  cwd?: string | undefined;
  /** Append every decision record to this hash-chained decision log before answering (fail closed: 503 if it cannot be written). Default: none. */
  log?: string | undefined;
  /** Sign every head of the decision log with this Ed25519 key (`--log-key`). Default: unsigned. */
  logKey?: SigningKey | undefined;
  /** Largest body of POST /v1/evaluate, in bytes. Default: 1 MiB. */
  bodyLimit?: number | undefined;
  /** Largest body of POST /v1/evaluate/batch, in bytes. Default: 16 MiB. */
  batchBodyLimit?: number | undefined;
  /** Most items in one batch. Default: 1000. */
  maxBatchItems?: number | undefined;
  /** Milliseconds a client has to send a whole request (Node's requestTimeout; 408 after it). Default: 10 000. */
  requestTimeout?: number | undefined;
  /** Milliseconds a keep-alive connection may idle. Default: 5 000. */
  keepAliveTimeout?: number | undefined;
  /** Milliseconds a request may take from arrival to answer (queue wait included); past it, its work stops and it gets 503 `time-limit-exceeded`. Default: 10 000. */
  timeLimit?: number | undefined;
  /** Batch requests worked on at once. Default: 2. */
  batchConcurrency?: number | undefined;
  /** Batch requests that may wait for a slot; one more gets 503 `overloaded`. Default: 8. */
  batchQueue?: number | undefined;
  /** Evaluate requests worked on at once. Default: 8. */
  evaluateConcurrency?: number | undefined;
  /** Evaluate requests that may wait for a slot; one more gets 503 `overloaded`. Default: 128. */
  evaluateQueue?: number | undefined;
  /** Longest wait for a slot, in milliseconds, before 503 `overloaded`. Default: 2 000. */
  queueWait?: number | undefined;
  /** Where the JSON log lines go (one per request, plus start-up, reloads and shutdown); false for none. Default: process.stderr. */
  logStream?: { write(line: string): unknown } | false | undefined;
  /** Lowest level logged (pino levels: trace, debug, info, warn, error). Default: 'info'. */
  logLevel?: string | undefined;
  /** Reload the rules when a file in their directory changes, or the directory is replaced (deleted and made again, renamed over, a symlink or ConfigMap `..data` swapped). Default: false. */
  watch?: boolean | undefined;
  /** Milliseconds of quiet after a change before --watch reloads, so an editor's several writes load once. Default: 300. */
  watchDebounceMs?: number | undefined;
}

export interface ResolvedServerOptions {
  rulesDir: string;
  cwd: string;
  log: string | undefined;
  logKey: SigningKey | undefined;
  bodyLimit: number;
  batchBodyLimit: number;
  maxBatchItems: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  timeLimit: number;
  pools: Record<PoolName, PoolLimits>;
  queueWait: number;
  logStream: { write(line: string): unknown } | false;
  logLevel: string;
  watch: boolean;
  watchDebounceMs: number;
}

export function resolveServerOptions(options: ServerOptions): ResolvedServerOptions {
  const cwd = options.cwd ?? process.cwd();
  return {
    rulesDir: resolve(cwd, options.rules ?? paths.rules),
    cwd,
    log: options.log === undefined ? undefined : resolve(cwd, options.log),
    logKey: options.logKey,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    batchBodyLimit: options.batchBodyLimit ?? 16 * 1024 * 1024,
    maxBatchItems: options.maxBatchItems ?? 1000,
    requestTimeout: options.requestTimeout ?? 10_000,
    keepAliveTimeout: options.keepAliveTimeout ?? 5_000,
    timeLimit: options.timeLimit ?? 10_000,
    pools: {
      batch: { concurrency: options.batchConcurrency ?? 2, queue: options.batchQueue ?? 8 },
      evaluate: {
        concurrency: options.evaluateConcurrency ?? 8,
        queue: options.evaluateQueue ?? 128,
      },
    },
    queueWait: options.queueWait ?? 2_000,
    logStream: options.logStream ?? process.stderr,
    logLevel: options.logLevel ?? 'info',
    watch: options.watch ?? false,
    watchDebounceMs: options.watchDebounceMs ?? 300,
  };
}
