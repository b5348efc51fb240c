/** Builds the SPEC §4 result from the facts and which conditions held. */
import type { EvaluationResult, PolicyResult } from '../generated/evaluation-result.js';
import type { Facts } from '../generated/facts.js';
import type { PolicyDefinition, RuleSet } from '../rules/rule-set.js';
import type { Lang } from '../lang.js';
import { messageOf, type Messages } from './messages.js';
import { renderTemplate } from './template.js';

export function buildResult(
  ruleSet: RuleSet,
  messages: Messages,
  policies: readonly PolicyDefinition[],
  facts: Facts,
  held: ReadonlyMap<string, boolean>,
  lang: Lang,
): EvaluationResult {
  const results: Partial<Record<PolicyDefinition['name'], PolicyResult>> = {};
  for (const policy of policies)
    results[policy.name] = policyResult(
      policy,
      messages,
      facts,
      held,
      lang,
      ruleSet.parameters.timeZone,
    );
  return {
    accountId: facts.account.id,
    evaluatedAt: facts.clock.now,
    rules: { digest: ruleSet.digest },
    lifecycle: lifecycleOutput(facts.lifecycle),
    policies: results as EvaluationResult['policies'],
  };
}

function policyResult(
  policy: PolicyDefinition,
  messages: Messages,
  facts: Facts,
  held: ReadonlyMap<string, boolean>,
  lang: Lang,
  timeZone: string | undefined,
): PolicyResult {
  const reasons = policy.rules
    .filter((rule) => held.get(rule.id) !== true)
    .map((rule) => ({
      rule: rule.id,
      source: rule.source,
      message: renderTemplate(messageOf(messages, rule.id, lang), facts, lang, timeZone),
    }));
  if (reasons.length > 0) return { outcome: 'fail', reasons, consequences: [] };
  const consequences = policy.consequences
    .filter(
      (consequence) => consequence.appliesWhen === undefined || held.get(consequence.id) === true,
    )
    .map((consequence) => ({
      id: consequence.id,
      message: renderTemplate(messageOf(messages, consequence.id, lang), facts, lang, timeZone),
    }));
  return { outcome: 'pass', reasons: [], consequences };
}

function lifecycleOutput(lifecycle: Facts['lifecycle']): EvaluationResult['lifecycle'] {
  const { state, data } = lifecycle;
  if (
    state === 'cooling_off' &&
    lifecycle.coolingOffEndsAt !== null &&
    lifecycle.daysRemaining !== null
  ) {
    return {
      state,
      data,
      coolingOffEndsAt: lifecycle.coolingOffEndsAt,
      daysRemaining: lifecycle.daysRemaining,
    };
  }
  if (
    state === 'cancelled' &&
    lifecycle.coolingOffEndsAt !== null &&
    lifecycle.phoneReleasedAt !== null
  ) {
    return {
      state,
      data,
      coolingOffEndsAt: lifecycle.coolingOffEndsAt,
      phoneReleasedAt: lifecycle.phoneReleasedAt,
    };
  }
  return { state, data };
}
