/**
 * A loaded, checked rule set: plain, frozen data — the texts exactly as the rule files wrote
 * them, nothing compiled. It can be sent to a worker thread, shown over HTTP and compared as
 * it is; engine/ and render/ build what they need from it, once per Policy.
 */
import type { Condition, PolicyName, Text } from '../generated/policy-file.js';

export type { Condition, PolicyName, Text };

export interface RuleDefinition {
  id: string;
  source: string;
  description: string;
  holdsWhen: Condition;
  /** The message template (rules/template.ts) in both languages, as written. */
  reason: Text;
  /**
   * true: failing it means the policy does not apply (`premise: true` in the rule file), not
   * that the account is blocked. Reports only: the decision is the same either way. The loader
   * always sets it; a rule set built by hand may leave it out (false).
   */
  premise?: boolean;
}

export interface ConsequenceDefinition {
  id: string;
  source: string;
  /** Undefined when the consequence always applies. */
  appliesWhen: Condition | undefined;
  message: Text;
}

export interface PolicyDefinition {
  name: PolicyName;
  title: Text;
  /** Evaluated only when an unbind target is given. */
  requiresTarget: boolean;
  rules: readonly RuleDefinition[];
  consequences: readonly ConsequenceDefinition[];
  /** The file it was loaded from. */
  file: string;
}

export interface RuleSet {
  /** The directory the rules were loaded from. */
  dir: string;
  /** "sha256:<hex>" over every rule file's name and bytes (line endings normalised to LF). */
  digest: string;
  /**
   * timeZone: the IANA zone messages show times in; the loader always sets it (Asia/Shanghai
   * when parameters.yaml names none), a rule set built by hand may leave it out (the same).
   */
  parameters: { coolingOffDays: number; phoneReleaseDays: number; timeZone?: string };
  /** Citable source sections: id → our one-line summary. */
  sections: ReadonlyMap<string, string>;
  /** In output order: cancel, unbind, withdraw, phone-reuse. */
  policies: readonly PolicyDefinition[];
}

/** The rule ids a rule set marks `premise: true`, in rule-set order. */
export function premiseIds(ruleSet: Pick<RuleSet, 'policies'>): string[] {
  return ruleSet.policies.flatMap((p) =>
    p.rules.filter((r) => r.premise === true).map((r) => r.id),
  );
}

/**
 * How a fail counts in batch summaries and reports: notApplicable when it has reasons and every
 * one is a premise (`premises`, from premiseIds), else blocked. The outcome itself is unchanged.
 */
export function failKind(
  reasons: ReadonlyArray<{ rule: string }>,
  premises: ReadonlySet<string>,
): 'notApplicable' | 'blocked' {
  return reasons.length > 0 && reasons.every((reason) => premises.has(reason.rule))
    ? 'notApplicable'
    : 'blocked';
}
