/**
 * What differs between two rule sets besides their conditions: the parameters, and the words
 * of each reason and consequence. Both kinds of `diff` list them (docs/diff.md).
 */
import type { ParameterChange, TemplateChange } from '../generated/semantic-diff.js';
import { LANGS, type Lang } from '../lang.js';
import type { RuleSet, Text } from './rule-set.js';
import { DEFAULT_TIME_ZONE } from './time-zone.js';

export type { ParameterChange, TemplateChange };

/** In the order rules/parameters.yaml lists them. */
const PARAMETER_NAMES = ['coolingOffDays', 'phoneReleaseDays', 'timeZone'] as const;

export function parameterChanges(base: RuleSet, next: RuleSet): ParameterChange[] {
  const value = (ruleSet: RuleSet, name: ParameterChange['name']) =>
    name === 'timeZone'
      ? (ruleSet.parameters.timeZone ?? DEFAULT_TIME_ZONE)
      : ruleSet.parameters[name];
  return PARAMETER_NAMES.flatMap((name) => {
    const before = value(base, name);
    const after = value(next, name);
    return before === after ? [] : [{ name, base: before, new: after }];
  });
}

/** The languages in which two texts differ, in LANGS order; undefined when none does. */
export function differingLanguages(before: Text, after: Text): [Lang, ...Lang[]] | undefined {
  const [first, ...rest] = LANGS.filter((lang) => before[lang] !== after[lang]);
  return first === undefined ? undefined : [first, ...rest];
}

/** One per reason or consequence, in rule-set order: what `diff` keys wording changes by. */
export interface TemplateEntry {
  policy: TemplateChange['policy'];
  id: string;
  kind: TemplateChange['kind'];
  text: Text;
}

export function templateEntries(ruleSet: RuleSet): TemplateEntry[] {
  return ruleSet.policies.flatMap((policy) => [
    ...policy.rules.map((rule) => ({
      policy: policy.name,
      id: rule.id,
      kind: 'reason' as const,
      text: rule.reason,
    })),
    ...policy.consequences.map((consequence) => ({
      policy: policy.name,
      id: consequence.id,
      kind: 'consequence' as const,
      text: consequence.message,
    })),
  ]);
}

/** Reasons and consequences both rule sets have, written differently, in the base's order. */
export function templateChanges(base: RuleSet, next: RuleSet): TemplateChange[] {
  const after = new Map(templateEntries(next).map((entry) => [templateKey(entry), entry]));
  return templateEntries(base).flatMap((entry) => {
    const other = after.get(templateKey(entry));
    const languages = other && differingLanguages(entry.text, other.text);
    return languages === undefined
      ? []
      : [{ policy: entry.policy, id: entry.id, kind: entry.kind, languages }];
  });
}

/** Rule and consequence ids share one namespace per kind; the kind keeps them apart. */
export function templateKey(entry: Pick<TemplateEntry, 'id' | 'kind'>): string {
  return `${entry.kind}:${entry.id}`;
}

/** `coolingOffDays 15 → 7`: the same in every language (names are what the file says). */
export function describeParameterChange(change: ParameterChange): string {
  return `${change.name} ${String(change.base)} → ${String(change.new)}`;
}
