/** A loaded, checked rule set: what the evaluator runs. Immutable once loaded. */
import type { Condition, PolicyName, Text } from '../generated/policy-file.js';
import type { CompiledCondition } from '../engine/compile-condition.js';
import type { Template } from '../render/template.js';

export type { Condition, PolicyName, Text };

export interface CompiledText {
  'zh-CN': Template;
  en: Template;
}

export interface RuleDefinition {
  id: string;
  source: string;
  description: string;
  holdsWhen: Condition;
  /** holdsWhen, compiled once at load (engine/compile-condition.ts). */
  compiled: CompiledCondition;
  reason: CompiledText;
}

export interface ConsequenceDefinition {
  id: string;
  source: string;
  appliesWhen: Condition | undefined;
  /** appliesWhen, compiled once at load; undefined when the consequence always applies. */
  compiled: CompiledCondition | undefined;
  message: CompiledText;
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
  parameters: { coolingOffDays: number; phoneReleaseDays: number };
  /** Citable source sections: id → our one-line summary. */
  sections: ReadonlyMap<string, string>;
  /** In output order: cancel, unbind, withdraw, phone-reuse. */
  policies: readonly PolicyDefinition[];
}
