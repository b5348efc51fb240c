/**
 * The one way account-policy builds a json-rules-engine Engine: plain paths only, undefined
 * facts refused, and numeric operators that compare numbers only. The stock ones coerce, so
 * `now >= null` is true (null becomes 0) and "5" < 10 is true: a rule could hold on a value
 * that is missing. Here any non-number on either side makes the comparison false.
 */
import { Engine } from 'json-rules-engine';
import { resolvePlainPath } from '../own-path.js';

const STRICT_NUMERIC: Record<string, (a: number, b: number) => boolean> = {
  lessThan: (a, b) => a < b,
  lessThanInclusive: (a, b) => a <= b,
  greaterThan: (a, b) => a > b,
  greaterThanInclusive: (a, b) => a >= b,
};

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function createEngine(): Engine {
  const engine = new Engine([], {
    allowUndefinedFacts: false,
    allowUndefinedConditions: false,
    replaceFactsInEventParams: false,
    pathResolver: resolvePlainPath,
  });
  for (const [name, compare] of Object.entries(STRICT_NUMERIC)) {
    engine.addOperator<unknown, unknown>(
      name,
      (a, b) => isNumber(a) && isNumber(b) && compare(a, b),
    );
  }
  return engine;
}
