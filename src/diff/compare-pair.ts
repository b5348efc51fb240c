/** What changed for one snapshot between its base and its new evaluation. */
import type { Diagnostic } from '../diagnostics.js';
import type { EvaluationResult, PolicyResult } from '../generated/evaluation-result.js';
import { compareMessages, type MessageDifference } from './compare-messages.js';
import type { EvaluatedPair } from './evaluate-pairs.js';

export type LifecycleState = EvaluationResult['lifecycle']['state'];

/**
 * A policy's decision under base → new. `reasonsChanged`: it fails under both, but the set of
 * failing rule ids differs (messages alone do not count: they are not decisions).
 */
export type PolicyTransition = 'passToFail' | 'failToPass' | 'reasonsChanged' | 'unchanged';

export type Validity =
  'valid' | 'invalidUnderNewOnly' | 'invalidUnderBaseOnly' | 'invalidUnderBoth';

export interface PairComparison {
  validity: Validity;
  /** From whichever side evaluated; undefined when neither did. */
  accountId: string | undefined;
  /** The first problem of the side that refused the snapshot (the base side when both did). */
  diagnostic: Diagnostic | undefined;
  /** Policy name → transition; empty unless valid under both. */
  policies: ReadonlyMap<string, PolicyTransition>;
  /** Rule ids that held under base and fail under new (valid under both only). */
  newlyFails: readonly string[];
  /** Rule ids that failed under base and hold (or no longer exist) under new. */
  newlyHolds: readonly string[];
  lifecycle: { from: LifecycleState; to: LifecycleState } | undefined;
  /** Reasons and consequences shown under both, in different words (valid under both only). */
  messages: readonly MessageDifference[];
  /** Any decision, lifecycle state or validity differs. */
  changed: boolean;
}

export function comparePair({ base, next }: EvaluatedPair): PairComparison {
  if (!base.ok || !next.ok) {
    const validity: Validity =
      !base.ok && !next.ok
        ? 'invalidUnderBoth'
        : base.ok
          ? 'invalidUnderNewOnly'
          : 'invalidUnderBaseOnly';
    const refused = !base.ok ? base.diagnostics : !next.ok ? next.diagnostics : [];
    const evaluated = base.ok ? base.result : next.ok ? next.result : undefined;
    return {
      validity,
      accountId: evaluated?.accountId,
      diagnostic: refused[0],
      policies: new Map(),
      newlyFails: [],
      newlyHolds: [],
      lifecycle: undefined,
      messages: [],
      changed: validity !== 'invalidUnderBoth',
    };
  }
  const policies = new Map<string, PolicyTransition>();
  for (const [name, before] of Object.entries(base.result.policies)) {
    policies.set(
      name,
      policyTransition(before, next.result.policies[name as keyof EvaluationResult['policies']]),
    );
  }
  const failedBefore = failingRules(base.result);
  const failedAfter = failingRules(next.result);
  const from = base.result.lifecycle.state;
  const to = next.result.lifecycle.state;
  const lifecycle = from === to ? undefined : { from, to };
  return {
    validity: 'valid',
    accountId: base.result.accountId,
    diagnostic: undefined,
    policies,
    newlyFails: [...failedAfter].filter((rule) => !failedBefore.has(rule)),
    newlyHolds: [...failedBefore].filter((rule) => !failedAfter.has(rule)),
    lifecycle,
    messages: compareMessages(base.rendered, next.rendered),
    changed: lifecycle !== undefined || [...policies.values()].some((t) => t !== 'unchanged'),
  };
}

function policyTransition(before: PolicyResult, after: PolicyResult | undefined): PolicyTransition {
  // Both rule sets hold every policy (a rule set missing one does not load): `after` is there.
  if (after === undefined) return 'unchanged';
  if (before.outcome !== after.outcome)
    return before.outcome === 'pass' ? 'passToFail' : 'failToPass';
  if (before.outcome === 'pass') return 'unchanged';
  // Compared as sets: moving a rule within its file reorders reasons but decides nothing new.
  return ruleKey(before) === ruleKey(after) ? 'unchanged' : 'reasonsChanged';
}

function ruleKey(policy: PolicyResult): string {
  return policy.reasons
    .map((r) => r.rule)
    .sort()
    .join('\n');
}

function failingRules(result: EvaluationResult): Set<string> {
  return new Set(
    Object.values(result.policies).flatMap((policy) => policy.reasons.map((r) => r.rule)),
  );
}
