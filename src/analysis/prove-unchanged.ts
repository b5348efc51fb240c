/**
 * Proves, where it can, that no account moves a rule's decision one way between two rule sets:
 * that "fails under the base and holds under the new rules" (more permissive), or the reverse,
 * holds for no account. It asks the prover (rules/prove-condition.ts) about
 * `all: [not before, after]`, which is exact when both sides derive the same facts.
 *
 * With other parameters, the lifecycle facts differ between the sides. When the conditions read
 * the lifecycle only through `state` and `data`, the proof still goes through: the state under
 * each side depends only on the time since the request and each side's cooling-off period, so
 * the pairs of states an account can have are few and known — the same state on both sides, and
 * cooling off on the side with the longer period while cancelled on the other. Each pair is put
 * into the conditions as constants, and the prover asked per pair. Any other lifecycle fact (days
 * remaining, the instants) gives no proof.
 */
import type { Condition } from '../generated/policy-file.js';
import type { LifecycleParameters } from '../facts/lifecycle.js';
import { canonicalJson } from '../digest.js';
import { proveCondition } from '../rules/prove-condition.js';
import { OPERATORS } from '../rules/operators.js';
import { scopeOf } from './scope.js';

export type Direction = 'more-permissive' | 'less-permissive';
type State = 'none' | 'withdrawn' | 'cooling_off' | 'cancelled';

const DATA: Record<State, string> = {
  none: 'retained',
  withdrawn: 'retained',
  cooling_off: 'scheduled_for_deletion',
  cancelled: 'deleted',
};
const TRUE = { all: [] } as unknown as Condition;
const FALSE = { any: [] } as unknown as Condition;

/** `before`/`after` undefined: the rule is not in that rule set, so it holds there. */
export function provedUnchanged(
  before: Condition | undefined,
  after: Condition | undefined,
  parameters: { before: LifecycleParameters; after: LifecycleParameters },
  direction: Direction,
): boolean {
  // more permissive: fails before and holds after
  const [fails, holds] = direction === 'more-permissive' ? [before, after] : [after, before];
  if (fails === undefined) return true; // a rule that is not there cannot fail
  const sameParameters = canonicalJson(parameters.before) === canonicalJson(parameters.after);
  const { reads } = scopeOf(holds ? [fails, holds] : [fails], [], false);
  const lifecycle = [...reads].filter((read) => /^(lifecycle|parameters)\b/.test(read));
  const question = (f: Condition, h: Condition | undefined) =>
    ({ all: h === undefined ? [{ not: f }] : [{ not: f }, h] }) as Condition;
  if (sameParameters || lifecycle.length === 0)
    return proveCondition(question(fails, holds)) === 'never';
  if (!lifecycle.every((read) => read === 'lifecycle.state' || read === 'lifecycle.data'))
    return false;
  const [failing, holding] =
    direction === 'more-permissive'
      ? [parameters.before, parameters.after]
      : [parameters.after, parameters.before];
  return statePairs(failing, holding).every(
    ([onFailing, onHolding]) =>
      proveCondition(
        question(withState(fails, onFailing), holds && withState(holds, onHolding)),
      ) === 'never',
  );
}

/** The states one account can have under each of two parameter sets, at the same instant. */
function statePairs(
  first: LifecycleParameters,
  second: LifecycleParameters,
): Array<[State, State]> {
  const same: Array<[State, State]> = (
    ['none', 'withdrawn', 'cooling_off', 'cancelled'] as const
  ).map((s) => [s, s]);
  if (first.coolingOffDays > second.coolingOffDays) same.push(['cooling_off', 'cancelled']);
  if (first.coolingOffDays < second.coolingOffDays) same.push(['cancelled', 'cooling_off']);
  return same;
}

/** The condition with every comparison of the lifecycle's state or data decided for `state`. */
function withState(condition: Condition, state: State): Condition {
  if ('all' in condition)
    return { all: condition.all.map((c) => withState(c, state)) } as Condition;
  if ('any' in condition)
    return { any: condition.any.map((c) => withState(c, state)) } as Condition;
  if ('not' in condition) return { not: withState(condition.not, state) };
  // A comparison with another fact stays: the prover takes it as free either way, which is sound.
  const { value } = condition;
  const reference = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (condition.fact !== 'lifecycle' || reference) return condition;
  const found =
    condition.path === '$.state' ? state : condition.path === '$.data' ? DATA[state] : undefined;
  if (found === undefined) return condition;
  return OPERATORS[condition.operator].compare(found, condition.value) ? TRUE : FALSE;
}
