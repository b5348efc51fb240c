/** A loaded rule set cannot be changed by anyone holding it, json-rules-engine included. */
import type { RuleSet } from './rule-set.js';

export function frozenRuleSet(ruleSet: RuleSet): RuleSet {
  return deepFreeze(ruleSet);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (value instanceof Map) for (const entry of value.values()) deepFreeze(entry);
    else for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}
