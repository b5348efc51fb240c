/**
 * loadPolicy for a server: the rule files are read, parsed and checked on a worker thread
 * (rules-loader-worker.ts), so /healthz and requests keep being answered while a big rule set
 * loads; only createPolicy (compiling the conditions and templates of the checked rule set)
 * runs here. The rule set and its diagnostics come back by structured clone, as plain data:
 * a refused load throws the same InvalidInputError, with the same diagnostics, as loadPolicy.
 *
 * One loader thread serves the whole process, one load at a time. It is started on the first
 * load, holds the process open only while a load is running, and is started again if it dies.
 */
import type { Worker } from 'node:worker_threads';
import { InvalidInputError } from '../diagnostics.js';
import { createPolicy, type Policy } from '../evaluate/policy.js';
import { frozenRuleSet } from '../rules/freeze.js';
import type { LoadReply, LoadRequest } from './rules-loader-worker.js';
import { startWorker } from './start-worker.js';

interface Pending {
  resolve(policy: Policy): void;
  reject(error: Error): void;
}

interface Loader {
  worker: Worker;
  pending: Map<number, Pending>;
}

let loader: Loader | undefined;
let nextId = 0;

/** Loads and checks the rule directory `dir`; throws InvalidInputError listing every problem. */
export function loadPolicyOffThread(dir: string, cwd = process.cwd()): Promise<Policy> {
  const { worker, pending } = (loader ??= startLoader());
  const id = nextId++;
  return new Promise<Policy>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, dir, cwd } satisfies LoadRequest);
  });
}

/**
 * The loader thread's stack, in MiB: as deep as the main thread's, so that a rule set too deep
 * for `account-policy check` (a RangeError, a bug) is not served either. V8 gives the main
 * thread 984 KiB; Node keeps 192 KiB of a worker's stack in reserve.
 */
const STACK_MB = (984 + 192) / 1024;

function startLoader(): Loader {
  const worker = startWorker(new URL(`./rules-loader-worker${extension()}`, import.meta.url), {
    resourceLimits: { stackSizeMb: STACK_MB },
  });
  const pending = new Map<number, Pending>();
  const self: Loader = { worker, pending };
  worker.unref();
  worker.on('message', (reply: LoadReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (!waiting) return;
    try {
      waiting.resolve(policyOf(reply));
    } catch (error) {
      waiting.reject(error as Error);
    }
  });
  const fail = (error: Error) => {
    if (loader === self) loader = undefined;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', (error) =>
    fail(new Error('the rules loader thread failed', { cause: error })),
  );
  worker.on('exit', (code) => fail(new Error(`the rules loader thread exited with code ${code}`)));
  return self;
}

/** What loadPolicy would have returned, or thrown, for the same directory. */
function policyOf(reply: LoadReply): Policy {
  if ('failed' in reply) {
    const error = new Error(
      `the rules loader thread threw ${reply.failed.name}: ${reply.failed.message}`,
    );
    if (reply.failed.stack !== undefined) error.stack = `${error.message}\n${reply.failed.stack}`;
    throw error;
  }
  if (!reply.ok) throw new InvalidInputError(reply.diagnostics);
  return createPolicy(frozenRuleSet(reply.ruleSet), reply.diagnostics);
}

/** `.ts` when this module runs from the sources, `.js` from dist/. */
function extension(): string {
  return import.meta.url.endsWith('.ts') ? '.ts' : '.js';
}
