/** What a search is about: the constants its conditions compare facts with, and the parameters. */
import type { Condition, Scalar } from '../generated/policy-file.js';
import type { LifecycleParameters } from '../facts/lifecycle.js';

export interface Scope {
  /** The constants compared with each fact path, keyed "fact.path" (e.g. "pay.balanceFen"). */
  constants: ReadonlyMap<string, readonly Scalar[]>;
  /** Every fact path the conditions read, a fact reference's too, as "fact.path". */
  reads: ReadonlySet<string>;
  /** The rule sets' parameters: one for analyze, both sides' for diff. */
  parameters: readonly LifecycleParameters[];
  /** The policy is evaluated only with an unbind target. */
  requiresTarget: boolean;
}

export function scopeOf(
  conditions: readonly Condition[],
  parameters: readonly LifecycleParameters[],
  requiresTarget: boolean,
): Scope {
  const constants = new Map<string, Scalar[]>();
  const reads = new Set<string>();
  const visit = (condition: Condition): void => {
    if ('all' in condition) return condition.all.forEach(visit);
    if ('any' in condition) return condition.any.forEach(visit);
    if ('not' in condition) return visit(condition.not);
    const key = keyOf(condition.fact, condition.path);
    reads.add(key);
    const { value } = condition;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      reads.add(keyOf(value.fact, value.path));
      return;
    }
    const list = constants.get(key) ?? [];
    list.push(...(Array.isArray(value) ? value : [value]));
    constants.set(key, list);
  };
  conditions.forEach(visit);
  return { constants, reads, parameters, requiresTarget };
}

const keyOf = (fact: string, path: string) => (path === '$' ? fact : `${fact}.${path.slice(2)}`);

export const constantsAt = (scope: Scope, key: string): readonly Scalar[] =>
  scope.constants.get(key) ?? [];
