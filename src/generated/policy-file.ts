/* Generated from schemas/policy-file.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * Which question this file answers. cancel: may the account request cancellation now? unbind: may this one binding be removed? withdraw: can the pending cancellation still be withdrawn by logging in? phone-reuse: may the bound phone number register a new account?
 */
export type PolicyName = 'cancel' | 'unbind' | 'withdraw' | 'phone-reuse';
/**
 * true: the policy is evaluated only when a binding id is given (--unbind). Default: false.
 */
export type NeedsAnUnbindTarget = boolean;
/**
 * The preconditions, in the order reasons are reported. The policy passes when every rule holds.
 *
 * @minItems 1
 */
export type RulesPreconditions = [Rule, ...Rule[]];
/**
 * <policy>.<what-must-hold>, kebab-case, e.g. cancel.balance-zero (account-policy check enforces the form). A public contract: reports and callers key on it.
 */
export type RuleId = string;
/**
 * A section of the source document: `summary`, or a number such as `2.1` (write it in quotes in YAML: "2.1").
 */
export type SectionId = string;
/**
 * What must hold, in a sentence, for readers of this file.
 */
export type WhatMustHold = string;
/**
 * all: every condition holds; any: at least one holds; not: the condition does not hold; or a comparison of one fact.
 */
export type Condition = AllCondition | AnyCondition | NotCondition | FactCondition;
/**
 * A derived fact (schemas/facts.schema.json).
 */
export type FactName = 'account' | 'pay' | 'authorizations' | 'lifecycle' | 'clock' | 'target' | 'parameters';
/**
 * A plain property path inside the fact, e.g. $.balanceFen or $.app.count. No filters, wildcards, recursion or scripts.
 */
export type Path = string;
/**
 * equal / notEqual: the same value (strict). lessThan, lessThanInclusive, greaterThan, greaterThanInclusive: numbers. in / notIn: the fact's value is (not) one of the listed values. contains / doesNotContain: the fact's list has (not) the value.
 */
export type Operator =
  | 'equal'
  | 'notEqual'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain';
export type Scalar = string | number | boolean | null;
/**
 * true: this rule states when the policy applies at all (e.g. withdraw.cancellation-requested: there is a request to withdraw), not a requirement the account could be blocked by. The decision does not change (the policy still fails); reports count a fail whose every reason is a premise as notApplicable, and any other fail as blocked. Default: false.
 */
export type PremiseNotApplicableWhenItFails = boolean;
/**
 * A note for readers of this file.
 */
export type Note = string;
/**
 * What happens if the action is taken, reported only when the policy passes.
 */
export type Consequences = Consequence[];

/**
 * One policy (rules/<policy>.yaml): its rules, each a precondition that must hold for the policy to pass, and the consequences reported when it passes. Conditions are json-rules-engine conditions restricted to plain fact paths.
 */
export interface PolicyFile {
  policy: PolicyName;
  title: Text;
  requiresTarget?: NeedsAnUnbindTarget;
  rules: RulesPreconditions;
  consequences: Consequences;
}
/**
 * The same text in Simplified Chinese and in English. {fact.path} placeholders are filled in from the facts, e.g. {pay.balanceYuan}; {a.b + c.d} joins two lists.
 */
export interface Text {
  /**
   * Simplified Chinese (the default language).
   */
  'zh-CN': string;
  /**
   * English.
   */
  en: string;
}
/**
 * One precondition of the policy.
 */
export interface Rule {
  id: RuleId;
  source: SectionId;
  description: WhatMustHold;
  holdsWhen: Condition;
  reason: Text;
  premise?: PremiseNotApplicableWhenItFails;
}
export interface AllCondition {
  /**
   * Every condition must hold.
   *
   * @minItems 1
   */
  all: [Condition, ...Condition[]];
}
export interface AnyCondition {
  /**
   * At least one condition must hold.
   *
   * @minItems 1
   */
  any: [Condition, ...Condition[]];
}
export interface NotCondition {
  not: Condition;
}
/**
 * Compares the value at `path` in `fact` with `value` using `operator`.
 */
export interface FactCondition {
  fact: FactName;
  path: Path;
  operator: Operator;
  /**
   * A literal (string, number, boolean, null, or a list of them for in/notIn), or another fact's value: { fact, path }.
   */
  value: Scalar | Scalar[] | FactReference;
}
/**
 * Compare with the value of another fact.
 */
export interface FactReference {
  fact: FactName;
  path: Path;
}
/**
 * Something that happens if the action is taken.
 */
export interface Consequence {
  id: RuleId;
  source: SectionId;
  description?: Note;
  appliesWhen?: Condition;
  message: Text;
}
