/**
 * `analyze`: for every rule, and every consequence with a condition, can it hold and can it
 * fail? "Yes" always comes with a witness account on which the real evaluator gives that
 * outcome; "no" always comes from the prover (rules/prove-condition.ts); anything else is
 * "unknown" (docs/analysis.md).
 */
import { compileCondition } from '../engine/compile-condition.js';
import { InvalidInputError } from '../diagnostics.js';
import { createPolicy, type LoadPolicyOptions, type Policy } from '../evaluate/policy.js';
import { paths } from '../paths.js';
import type { Facts } from '../generated/facts.js';
import { loadRuleSet, type EntryPositions } from '../rules/load-rule-set.js';
import { proveCondition } from '../rules/prove-condition.js';
import type { Condition, PolicyDefinition, RuleDefinition } from '../rules/rule-set.js';
import type { Analysis, EntryAnalysis, Witness } from '../generated/analysis.js';
import { replay, type Replayed } from './replay.js';
import { scopeOf } from './scope.js';
import { candidates, factsOf } from './search.js';

export type { Analysis, EntryAnalysis };

/** What an entry's outcome on one account is: true (holds / listed), false, or undefined (does not apply). */
type Outcome = (facts: Facts) => boolean | undefined;

interface Subject {
  id: string;
  policy: PolicyDefinition;
  condition: Condition;
  /** The conditions whose constants and paths the search varies. */
  scope: readonly Condition[];
  outcome: Outcome;
  replayed: (result: Replayed) => boolean | undefined;
}

/**
 * Loads a rule set for analysis: every check but the prover's verdicts, which the analysis gives
 * itself. Throws InvalidInputError when the rule set does not load.
 */
export async function loadForAnalysis(
  options: LoadPolicyOptions = {},
): Promise<{ policy: Policy; positions: EntryPositions }> {
  const loaded = await loadRuleSet(options.rules ?? paths.rules, {
    cwd: options.cwd,
    proofs: false,
  });
  if (!loaded.ok) throw new InvalidInputError(loaded.diagnostics);
  return { policy: createPolicy(loaded.ruleSet), positions: loaded.positions };
}

/** Loads a rule set and analyses it (`analyze`). Throws InvalidInputError when it does not load. */
export async function analyzeRules(options: LoadPolicyOptions = {}): Promise<Analysis> {
  const { policy, positions } = await loadForAnalysis(options);
  return analyzeRuleSet(policy, positions);
}

export async function analyzeRuleSet(
  policy: Policy,
  positions: EntryPositions = new Map(),
): Promise<Analysis> {
  const rules: EntryAnalysis[] = [];
  const consequences: EntryAnalysis[] = [];
  for (const definition of policy.ruleSet.policies) {
    for (const rule of definition.rules)
      rules.push(await analyzeRule(policy, definition, rule, positions));
    for (const consequence of definition.consequences) {
      if (!consequence.appliesWhen) continue;
      const subject = consequenceSubject(definition, consequence.id, consequence.appliesWhen);
      consequences.push(await analyzeEntry(policy, positions, subject));
    }
  }
  return { digest: policy.ruleSet.digest, rules, consequences };
}

/** One rule of one policy of `policy`'s rule set. */
export function analyzeRule(
  policy: Policy,
  definition: PolicyDefinition,
  rule: RuleDefinition,
  positions: EntryPositions = new Map(),
): Promise<EntryAnalysis> {
  return analyzeEntry(policy, positions, ruleSubject(definition, rule.id, rule.holdsWhen));
}

function ruleSubject(policy: PolicyDefinition, id: string, condition: Condition): Subject {
  const compiled = compileCondition(condition);
  return {
    id,
    policy,
    condition,
    scope: [condition],
    outcome: (facts) => compiled.holds(facts),
    replayed: (result) => !result.failing.includes(id),
  };
}

/** A consequence is seen listed, or not listed, only where its policy passes. */
function consequenceSubject(policy: PolicyDefinition, id: string, condition: Condition): Subject {
  const compiled = compileCondition(condition);
  const rules = policy.rules.map((rule) => compileCondition(rule.holdsWhen));
  return {
    id,
    policy,
    condition,
    scope: [condition, ...policy.rules.map((rule) => rule.holdsWhen)],
    outcome: (facts) =>
      rules.every((rule) => rule.holds(facts)) ? compiled.holds(facts) : undefined,
    replayed: (result) =>
      result.outcome === 'pass' ? result.consequences.includes(id) : undefined,
  };
}

/** An account on which the whole policy passes (every rule holds), or null when none was found. */
export async function passingWitness(
  policy: Policy,
  definition: PolicyDefinition,
): Promise<Witness | null> {
  const rules = definition.rules.map((rule) => compileCondition(rule.holdsWhen));
  const subject: Subject = {
    id: definition.name,
    policy: definition,
    // The schema requires at least one rule per policy.
    condition: { all: definition.rules.map((rule) => rule.holdsWhen) } as Condition,
    scope: definition.rules.map((rule) => rule.holdsWhen),
    outcome: (facts) => rules.every((rule) => rule.holds(facts)),
    replayed: (result) => result.outcome === 'pass',
  };
  return findWitness(policy, subject, true);
}

async function analyzeEntry(
  policy: Policy,
  positions: EntryPositions,
  subject: Subject,
): Promise<EntryAnalysis> {
  const verdict = proveCondition(subject.condition);
  const holds = await findWitness(policy, subject, true);
  const fails = await findWitness(policy, subject, false);
  if ((verdict === 'always' && fails) || (verdict === 'never' && holds))
    throw new AnalysisBug(
      `${subject.id}: the prover said "${verdict}", yet a witness shows otherwise`,
    );
  const position = positions.get(subject.id);
  return {
    id: subject.id,
    policy: subject.policy.name,
    file: position?.file ?? subject.policy.file,
    line: position?.line ?? null,
    canHold: holds ? true : verdict === 'never' ? false : 'unknown',
    canFail: fails ? true : verdict === 'always' ? false : 'unknown',
    holds,
    fails,
  };
}

/** The first account on which the entry comes out as `wanted`, checked by the real evaluator. */
async function findWitness(
  policy: Policy,
  subject: Subject,
  wanted: boolean,
): Promise<Witness | null> {
  const { parameters } = policy.ruleSet;
  const scope = scopeOf(subject.scope, [parameters], subject.policy.requiresTarget);
  for (const { witness } of candidates(scope)) {
    if (subject.outcome(factsOf(witness, parameters)) !== wanted) continue;
    const results = await replay(policy, witness, subject.policy.name);
    if (!results) continue; // not a valid snapshot after all: the evaluator refuses it
    for (const result of results)
      if (subject.replayed(result) !== wanted)
        throw new AnalysisBug(
          `${subject.id}: a witness did not reproduce on the ${result.engine} engine: ${JSON.stringify(witness)}`,
        );
    return witness;
  }
  return null;
}

/** The analysis contradicted itself: a defect in account-policy, never an answer to print. */
export class AnalysisBug extends Error {
  override name = 'AnalysisBug';
}
