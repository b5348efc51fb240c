/**
 * The compiled engine: each condition is turned once, when the rules load, into plain closures
 * over the derived facts — no eval, no new Function, no promises. It must decide exactly as
 * json-rules-engine configured by create-engine.ts does (the reference engine); a differential
 * test (test/engine-differential.test.ts) holds the two together on every rule and on
 * generated snapshots. `trace` gives the complete --explain trace of the same decision.
 */
import type { ComparisonTrace, ConditionTrace } from '../generated/evaluation-result.js';
import type { Facts } from '../generated/facts.js';
import type { Condition, FactCondition, FactReference } from '../generated/policy-file.js';
import { factNames } from '../facts/fact-catalogue.js';
import { isPlainPath } from '../own-path.js';
import { OPERATORS } from '../rules/operators.js';

export interface CompiledCondition {
  holds(facts: Facts): boolean;
  trace(facts: Facts): ConditionTrace;
}

type Read = (facts: Facts) => unknown;

/**
 * Reads fact + plain path the way json-rules-engine's almanac does with our path resolver.
 * What the loader's checks already exclude is refused here too, so a rule set that never went
 * through the loader cannot slip past: a path that is not plain, a fact the catalogue does not
 * have (at compile time), a fact missing from the facts (at run time, as allowUndefinedFacts:
 * false does — otherwise a `not` over it would hold).
 */
function reader(fact: string, path: string): Read {
  if (!isPlainPath(path))
    throw new Error(
      `refused path ${JSON.stringify(path)}: only plain property paths like $.a.b are allowed`,
    );
  if (!factNames().includes(fact)) throw new Error(`undefined fact ${JSON.stringify(fact)}`);
  const segments = path.slice(2).split('.');
  return (facts) => {
    if (!Object.hasOwn(facts, fact)) throw new Error(`undefined fact ${JSON.stringify(fact)}`);
    let at: unknown = (facts as unknown as Record<string, unknown>)[fact];
    if (at === null || typeof at !== 'object') return at;
    for (const key of segments) {
      if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
      at = (at as Record<string, unknown>)[key];
    }
    return at;
  };
}

function isReference(value: FactCondition['value']): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function compileComparison(condition: FactCondition): CompiledCondition {
  const read = reader(condition.fact, condition.path);
  if (!Object.hasOwn(OPERATORS, condition.operator))
    throw new Error(`unknown operator ${JSON.stringify(condition.operator)}`);
  const { compare } = OPERATORS[condition.operator];
  const { value } = condition;
  const reference = isReference(value) ? value : undefined;
  const expected: Read = reference ? reader(reference.fact, reference.path) : () => value;
  return {
    holds: (facts) => compare(read(facts), expected(facts)),
    trace(facts) {
      const found = read(facts);
      const against = expected(facts);
      return {
        fact: condition.fact,
        path: condition.path,
        found: (found ?? null) as ComparisonTrace['found'],
        operator: condition.operator,
        expected: (against ?? null) as ComparisonTrace['expected'],
        ...(reference ? { expectedFrom: { fact: reference.fact, path: reference.path } } : {}),
        result: compare(found, against),
      };
    },
  };
}

export function compileCondition(condition: Condition): CompiledCondition {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return {
      holds: (facts) => parts.every((part) => part.holds(facts)),
      trace(facts) {
        const all = parts.map((part) => part.trace(facts));
        return { all, result: all.every((c) => c.result) };
      },
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return {
      holds: (facts) => parts.some((part) => part.holds(facts)),
      trace(facts) {
        const any = parts.map((part) => part.trace(facts));
        return { any, result: any.some((c) => c.result) };
      },
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return {
      holds: (facts) => !inner.holds(facts),
      trace(facts) {
        const not = inner.trace(facts);
        return { not, result: !not.result };
      },
    };
  }
  return compileComparison(condition);
}
