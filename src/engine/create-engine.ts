/**
 * The one way account-policy builds a json-rules-engine Engine: plain paths only, undefined
 * facts refused, and numeric operators that compare numbers only. The stock ones coerce, so
 * `now >= null` is true (null becomes 0) and "5" < 10 is true: a rule could hold on a value
 * that is missing. Here any non-number on either side makes the comparison false.
 */
import { Engine } from 'json-rules-engine';
import { resolvePlainPath } from '../own-path.js';
import { OPERATORS } from '../rules/operators.js';

export function createEngine(): Engine {
  const engine = new Engine([], {
    allowUndefinedFacts: false,
    allowUndefinedConditions: false,
    replaceFactsInEventParams: false,
    pathResolver: resolvePlainPath,
  });
  for (const [name, operator] of Object.entries(OPERATORS)) {
    if (operator.strict) engine.addOperator<unknown, unknown>(name, operator.compare);
  }
  return engine;
}
