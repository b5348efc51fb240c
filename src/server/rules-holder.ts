/**
 * The rule set serving now, and its replacement without downtime. A reload loads and checks a
 * whole new rule set first; only a good one is swapped in, by replacing one reference. Each
 * request captures `current` once when it starts, so it is decided, and answered, by exactly
 * one rule set, however many reloads happen meanwhile. Reloads run one at a time, in order.
 * The files are read, parsed and checked on a worker thread (load-rules-off-thread.ts): a
 * reload of a big rule set does not hold up the requests being answered meanwhile.
 */
import type { Diagnostic } from '../diagnostics.js';
import { InvalidInputError } from '../diagnostics.js';
import type { Policy } from '../evaluate/policy.js';
import { loadPolicyOffThread } from './load-rules-off-thread.js';

export interface Serving {
  readonly policy: Policy;
  /** When this rule set was swapped in. */
  readonly loadedAt: string;
}

export type ReloadOutcome =
  | {
      ok: true;
      changed: boolean;
      digest: string;
      previous: string;
      warnings: readonly Diagnostic[];
    }
  /** The new rule set was refused; `digest` is the one still serving. */
  | { ok: false; digest: string; diagnostics: readonly Diagnostic[] };

export interface ReloadSummary {
  at: string;
  ok: boolean;
  digest: string | null;
  problems: number;
}

export interface RulesHolder {
  readonly current: Serving;
  readonly lastReload: ReloadSummary | null;
  reload(): Promise<ReloadOutcome>;
}

/** Loads the first rule set; throws InvalidInputError (every problem) if it is broken. */
export async function holdRules(dir: string): Promise<RulesHolder> {
  let current: Serving = {
    policy: await loadPolicyOffThread(dir),
    loadedAt: new Date().toISOString(),
  };
  let lastReload: ReloadSummary | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<ReloadOutcome> {
    const previous = current.policy.ruleSet.digest;
    let policy: Policy;
    try {
      policy = await loadPolicyOffThread(dir);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      lastReload = {
        at: new Date().toISOString(),
        ok: false,
        digest: null,
        problems: error.diagnostics.length,
      };
      return { ok: false, digest: previous, diagnostics: error.diagnostics };
    }
    const digest = policy.ruleSet.digest;
    const changed = digest !== previous;
    if (changed) current = { policy, loadedAt: new Date().toISOString() };
    lastReload = { at: new Date().toISOString(), ok: true, digest, problems: 0 };
    return { ok: true, changed, digest, previous, warnings: policy.warnings };
  }

  return {
    get current() {
      return current;
    },
    get lastReload() {
      return lastReload;
    },
    reload() {
      const next = queue.then(load);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
