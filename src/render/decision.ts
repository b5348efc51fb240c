/**
 * A decision — the facts, and what every condition said about them — and its rendering into
 * the SPEC §4 result, in any language, with the --explain trace when it was asked for.
 */
import type { Lang } from '../lang.js';
import type { ConditionEngine } from '../engine/condition-engine.js';
import type { ConditionEntry } from '../engine/compiled-policy.js';
import type { EntryTrace, EvaluationResult } from '../generated/evaluation-result.js';
import type { Facts } from '../generated/facts.js';
import type { PolicyDefinition, RuleSet } from '../rules/rule-set.js';
import type { Messages } from './messages.js';
import { buildResult } from './result.js';

/** One evaluation before rendering. */
export interface Decision {
  ruleSet: RuleSet;
  messages: Messages;
  /** The policies evaluated (unbind only with a target), in output order. */
  policies: readonly PolicyDefinition[];
  facts: Facts;
  entries: readonly ConditionEntry[];
  held: ReadonlyMap<string, boolean>;
  /** The binding id the unbind policy was evaluated for, if any. */
  unbind: string | undefined;
  /** The language asked for. */
  lang: Lang;
  explain: boolean;
  /** The engine that decided; it also traces, for --explain. */
  engine: ConditionEngine;
}

/** The SPEC §4 result of a decision, in `lang` (default: the one asked for). */
export async function renderDecision(
  decision: Decision,
  lang: Lang = decision.lang,
): Promise<EvaluationResult> {
  const { ruleSet, messages, policies, facts, held } = decision;
  const result = buildResult(ruleSet, messages, policies, facts, held, lang);
  if (!decision.explain) return result;
  return { ...result, explanation: await explanation(decision) };
}

/**
 * The trace of every entry, per policy. It is computed separately from the decision, so it is
 * checked against it: a trace that disagrees is a bug, and reporting it would mislead an auditor.
 */
async function explanation(
  decision: Decision,
): Promise<NonNullable<EvaluationResult['explanation']>> {
  const { policies, entries, facts, held } = decision;
  const traces = await decision.engine.traces(entries, facts);
  const entry = (id: string, kind: EntryTrace['kind']): EntryTrace => {
    const condition = traces.get(id);
    if (!condition || condition.result !== held.get(id)) {
      throw new Error(`explain: the trace of ${id} disagrees with its evaluation`);
    }
    return { id, kind, holds: condition.result, condition };
  };
  const explained: NonNullable<EvaluationResult['explanation']> = {};
  for (const policy of policies) {
    explained[policy.name] = [
      ...policy.rules.map((rule) => entry(rule.id, 'rule')),
      ...policy.consequences.flatMap((c) => (c.appliesWhen ? [entry(c.id, 'consequence')] : [])),
    ];
  }
  return explained;
}
