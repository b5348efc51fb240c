/**
 * Two rule sets side by side, as a rule change is compared (`diff`): the one in force and the
 * proposed one. Both are loaded and checked before either is refused, so one run names every
 * problem in both.
 */
import { InvalidInputError, type Diagnostic } from '../diagnostics.js';
import { paths } from '../paths.js';
import { loadRuleSet } from './load-rule-set.js';
import type { RuleSet } from './rule-set.js';

export interface RuleSetPair {
  base: RuleSet;
  next: RuleSet;
  /** Warnings from loading either (e.g. a consequence that always applies): worth a reviewer's eye. */
  warnings: Diagnostic[];
}

/** Throws InvalidInputError with every error in either rule set. `rules` default: the shipped rules/. */
export async function loadRuleSetPair(
  base: string,
  rules: string | undefined,
  cwd: string,
): Promise<RuleSetPair> {
  const [before, after] = await Promise.all([
    loadRuleSet(base, { cwd }),
    loadRuleSet(rules ?? paths.rules, { cwd }),
  ]);
  if (!before.ok || !after.ok)
    throw new InvalidInputError(
      [...before.diagnostics, ...after.diagnostics].filter((d) => d.severity === 'error'),
    );
  return {
    base: before.ruleSet,
    next: after.ruleSet,
    warnings: [...before.diagnostics, ...after.diagnostics].filter((d) => d.severity === 'warning'),
  };
}
