/**
 * The pipeline for one snapshot: options → validated snapshot → evaluation time → time checks →
 * lifecycle → facts → the chosen engine's verdicts. Nothing is decided unless every check
 * passed; every problem comes back as diagnostics, never as a thrown error.
 */
import type { Diagnostic } from '../diagnostics.js';
import { compilePolicy, type CompiledPolicy } from '../engine/compiled-policy.js';
import { ENGINES } from '../engine/condition-engine.js';
import { checkTimes } from '../facts/check-times.js';
import { deriveFacts } from '../facts/derive-facts.js';
import { lifecycleAt } from '../facts/lifecycle.js';
import { epochMs } from '../facts/time.js';
import type { ParsedDocument } from '../load/document.js';
import type { Decision } from '../render/decision.js';
import { messagesOf, type Messages } from '../render/messages.js';
import type { RuleSet } from '../rules/rule-set.js';
import { validateSnapshot } from '../validate/validate-snapshot.js';
import { resolveOptions, type EvaluateOptions } from './options.js';

export type DecideOutcome =
  { ok: true; decision: Decision } | { ok: false; diagnostics: Diagnostic[] };

/** A rule set with what evaluating it needs, built once: compiled conditions and parsed messages. */
export interface Prepared {
  ruleSet: RuleSet;
  compiled: CompiledPolicy;
  messages: Messages;
}

export function prepare(ruleSet: RuleSet): Prepared {
  return { ruleSet, compiled: compilePolicy(ruleSet), messages: messagesOf(ruleSet) };
}

export async function decide(
  prepared: Prepared,
  document: ParsedDocument,
  file: string,
  options: EvaluateOptions,
): Promise<DecideOutcome> {
  // Every problem at once: the options', the snapshot's, then (given both) its times'.
  const resolved = resolveOptions(options);
  const validation = validateSnapshot(document, file);
  const problems = [
    ...(resolved.ok ? [] : resolved.diagnostics),
    ...(validation.ok ? [] : validation.diagnostics),
  ];
  const { snapshot } = validation;
  if (!resolved.ok || !snapshot) return { ok: false, diagnostics: problems };
  const { ruleSet } = prepared;
  const { unbind, lang, explain } = resolved.options;
  const nowMs =
    resolved.options.now ??
    (snapshot.capturedAt !== undefined ? epochMs(snapshot.capturedAt) : Date.now());
  problems.push(...checkTimes(snapshot, nowMs, ruleSet.parameters, document, file));
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  const lifecycle = lifecycleAt(snapshot.cancellation, nowMs, ruleSet.parameters);
  const target = unbind;
  const facts = deriveFacts({ snapshot, parameters: ruleSet.parameters, nowMs, lifecycle, target });
  const { policies, entries } = prepared.compiled.plan(unbind !== undefined);
  const engine = ENGINES[resolved.options.engine];
  const held = await engine.verdicts(entries, facts);
  const { messages } = prepared;
  const decision: Decision = {
    ruleSet,
    messages,
    policies,
    facts,
    entries,
    held,
    unbind,
    lang,
    explain,
    engine,
  };
  return { ok: true, decision };
}
