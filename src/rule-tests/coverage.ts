/**
 * Rule coverage: which rules the passing cases have seen both hold and fail. Only a case that
 * pins down every rule of a policy counts for it (it gives `failing`, or `outcome: pass`), and
 * only when it passed: a count then says "a case proves this", never "a case happened to run it".
 */
import type { PolicyResult } from '../generated/evaluation-result.js';
import type { ExpectedPolicyResult } from '../generated/rule-tests.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { Actual } from './run-case.js';
import type {
  ConsequenceCoverage,
  Coverage,
  RuleCoverage,
  RuleTestCase,
} from './rule-test-case.js';

export interface CaseRun {
  testCase: RuleTestCase;
  actual: Actual;
  passed: boolean;
}

export function tallyCoverage(ruleSet: RuleSet, runs: readonly CaseRun[]): Coverage {
  const rules = new Map<string, RuleCoverage>();
  const consequences = new Map<string, ConsequenceCoverage>();
  for (const policy of ruleSet.policies) {
    for (const rule of policy.rules)
      rules.set(rule.id, { id: rule.id, policy: policy.name, held: 0, failed: 0, covered: false });
    for (const c of policy.consequences) {
      consequences.set(c.id, {
        id: c.id,
        policy: policy.name,
        conditional: c.appliesWhen !== undefined,
        listed: 0,
        notListed: 0,
        covered: false,
      });
    }
  }
  for (const { testCase, actual, passed } of runs) {
    if (!passed || actual.kind !== 'evaluated') continue;
    for (const policy of ruleSet.policies) {
      const expected = testCase.expect.policies?.[policy.name];
      const result = actual.result.policies[policy.name];
      if (expected === undefined || result === undefined) continue;
      if (pinsEveryRule(expected)) countRules(result, policy.rules, rules);
      if (expected.consequences !== undefined && result.outcome === 'pass')
        countConsequences(result, policy.consequences, consequences);
    }
  }
  for (const entry of rules.values()) entry.covered = entry.held > 0 && entry.failed > 0;
  for (const entry of consequences.values())
    entry.covered = entry.listed > 0 && (!entry.conditional || entry.notListed > 0);
  const rulesCovered = [...rules.values()].filter((entry) => entry.covered).length;
  return {
    rules: [...rules.values()],
    consequences: [...consequences.values()],
    rulesCovered,
    rulesTotal: rules.size,
    percent: rules.size === 0 ? 100 : (rulesCovered / rules.size) * 100,
  };
}

function pinsEveryRule(expected: ExpectedPolicyResult): boolean {
  return expected.failing !== undefined || expected.outcome === 'pass';
}

function countRules(
  result: PolicyResult,
  policyRules: ReadonlyArray<{ id: string }>,
  tally: Map<string, RuleCoverage>,
): void {
  const failing = new Set(result.reasons.map((reason) => reason.rule));
  for (const { id } of policyRules) {
    const entry = tally.get(id);
    if (entry && failing.has(id)) entry.failed++;
    else if (entry) entry.held++;
  }
}

function countConsequences(
  result: PolicyResult,
  policyConsequences: ReadonlyArray<{ id: string }>,
  tally: Map<string, ConsequenceCoverage>,
): void {
  const listed = new Set(result.consequences.map((consequence) => consequence.id));
  for (const { id } of policyConsequences) {
    const entry = tally.get(id);
    if (entry && listed.has(id)) entry.listed++;
    else if (entry) entry.notListed++;
  }
}
