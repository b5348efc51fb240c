/**
 * GET /v1/rules: the rule set serving now, as callers and auditors need to see it — digest,
 * parameters, source sections, and every rule and consequence with its source section and its
 * message templates in both languages (schemas/http-rules-response.schema.json).
 */
import type { RuleSet, Text } from '../../rules/rule-set.js';
import type { RouteContext } from './route-context.js';

export function registerRules({ fastify }: RouteContext): void {
  // One description per rule set: computed when first asked for, then reused until a reload.
  const described = new WeakMap<RuleSet, object>();
  fastify.get('/v1/rules', async (request) => {
    const { ruleSet } = request.serving.policy;
    let body = described.get(ruleSet);
    if (!body) described.set(ruleSet, (body = describeRuleSet(ruleSet)));
    return body;
  });
}

export function describeRuleSet(ruleSet: RuleSet): object {
  return {
    rules: { digest: ruleSet.digest },
    parameters: {
      coolingOffDays: ruleSet.parameters.coolingOffDays,
      phoneReleaseDays: ruleSet.parameters.phoneReleaseDays,
    },
    sections: [...ruleSet.sections].map(([id, summary]) => ({ id, summary })),
    policies: ruleSet.policies.map((policy) => ({
      name: policy.name,
      title: { 'zh-CN': policy.title['zh-CN'], en: policy.title.en },
      requiresTarget: policy.requiresTarget,
      rules: policy.rules.map((rule) => ({
        id: rule.id,
        source: rule.source,
        description: rule.description,
        reason: texts(rule.reason),
      })),
      consequences: policy.consequences.map((c) => ({
        id: c.id,
        source: c.source,
        conditional: c.appliesWhen !== undefined,
        message: texts(c.message),
      })),
    })),
  };
}

function texts(text: Text): { 'zh-CN': string; en: string } {
  return { 'zh-CN': text['zh-CN'], en: text.en };
}
