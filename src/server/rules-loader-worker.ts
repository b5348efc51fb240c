/**
 * The server's rules loader thread: reads, parses and checks a rule directory (loadRuleSet, as
 * `account-policy check` does) and posts back the plain rule set and its diagnostics, so a big
 * rule file never stalls the event loop that answers requests. It compiles nothing: the main
 * thread builds the Policy from the rule set (load-rules-off-thread.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics.js';
import { loadRuleSet } from '../rules/load-rule-set.js';
import type { RuleSet } from '../rules/rule-set.js';

export interface LoadRequest {
  id: number;
  dir: string;
  cwd: string;
}

export type LoadReply = { id: number } & (
  | { ok: true; ruleSet: RuleSet; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] }
  /** A bug, not a problem in the rules: the main thread rethrows it. */
  | { failed: { name: string; message: string; stack: string | undefined } }
);

const port = parentPort;
if (!port) throw new Error('rules-loader-worker must run in a worker thread');

port.on('message', ({ id, dir, cwd }: LoadRequest) => {
  void loadRuleSet(dir, { cwd })
    .then((outcome) => {
      // The positions (where each entry is written) are for `check` and `analyze`, not a server.
      const reply: LoadReply = outcome.ok
        ? { id, ok: true, ruleSet: outcome.ruleSet, diagnostics: outcome.diagnostics }
        : { id, ok: false, diagnostics: outcome.diagnostics };
      port.postMessage(reply);
    })
    .catch((error: unknown) => {
      const { name, message, stack } =
        error instanceof Error ? error : new Error(`non-error thrown: ${String(error)}`);
      port.postMessage({ id, failed: { name, message, stack } } satisfies LoadReply);
    });
});
