/* Generated from schemas/decision-record.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * One line of `batch` output and one entry of the decision log: a decision (the SPEC §4 result plus what an auditor needs to identify and replay it), or an input that could not be evaluated.
 */
export type DecisionRecord = Decision | ErrorRecord;
/**
 * A condition with its result: all / any / not of others, or one comparison.
 */
export type ConditionTrace = AllTrace | AnyTrace | NotTrace | ComparisonTrace;

export interface Decision {
  kind: 'decision';
  /**
   * sha256 (hex) of input.digest, rules.digest, evaluatedAt and input.unbind, one per line: replaying the same snapshot with the same rules at the same time gives the same id.
   */
  decisionId: string;
  /**
   * The snapshot's accountId.
   */
  accountId: string;
  /**
   * The evaluation time, ISO 8601 in UTC with milliseconds.
   */
  evaluatedAt: string;
  /**
   * What was evaluated.
   */
  input: {
    /**
     * sha256 of the snapshot as canonical JSON (RFC 8785): the same data gives the same digest, whatever its formatting, key order or JSON/YAML form.
     */
    digest: string;
    /**
     * The unbind target asked about, or null.
     */
    unbind: string | null;
    source?: Source;
  };
  rules: Rules;
  /**
   * The software that decided.
   */
  engine: {
    name: 'account-policy';
    version: string;
  };
  lifecycle: Lifecycle;
  policies: Policies;
  /**
   * Every reason and consequence in `policies` in both languages, by rule or consequence id, so a report can be read in either language without re-evaluating.
   */
  messages: {
    [k: string]: {
      'zh-CN': string;
      en: string;
    };
  };
  explanation?: Explanation;
}
/**
 * Where the snapshot came from: its file ("-" for stdin) and, in NDJSON, its 1-based line.
 */
export interface Source {
  file: string;
  line?: number;
}
/**
 * Which rule set decided.
 */
export interface Rules {
  /**
   * sha256 over the rule files (names and contents, line endings normalised): same files, same digest.
   */
  digest: string;
}
/**
 * The account's cancellation lifecycle at the evaluation time (SPEC §2).
 */
export interface Lifecycle {
  state: 'none' | 'withdrawn' | 'cooling_off' | 'cancelled';
  data: 'retained' | 'scheduled_for_deletion' | 'deleted';
  /**
   * End of the cooling-off period; present in cooling_off and cancelled.
   */
  coolingOffEndsAt?: string;
  /**
   * Whole days left, rounded up; present in cooling_off.
   */
  daysRemaining?: number;
  /**
   * When the phone number is released; present in cancelled.
   */
  phoneReleasedAt?: string;
}
/**
 * One entry per policy, in the order cancel, unbind (only with a target), withdraw, phone-reuse.
 */
export interface Policies {
  cancel: PolicyResult;
  unbind?: PolicyResult;
  withdraw: PolicyResult;
  'phone-reuse': PolicyResult;
}
export interface PolicyResult {
  /**
   * pass exactly when reasons is empty.
   */
  outcome: 'pass' | 'fail';
  /**
   * One per rule that does not hold, in rule order.
   */
  reasons: {
    /**
     * The rule id, e.g. cancel.balance-zero.
     */
    rule: string;
    /**
     * The source section the rule cites.
     */
    source: string;
    /**
     * Why, with facts filled in, in the requested language.
     */
    message: string;
  }[];
  /**
   * What taking the action does; only when the outcome is pass.
   */
  consequences: {
    /**
     * The consequence id, e.g. cancel.cooling-off-starts.
     */
    id: string;
    /**
     * The consequence, with facts filled in, in the requested language.
     */
    message: string;
  }[];
}
/**
 * Only with explain: per policy evaluated, every rule (and every consequence with a condition) with the full trace of its condition — every comparison, none skipped.
 */
export interface Explanation {
  cancel?: EntryTrace[];
  unbind?: EntryTrace[];
  withdraw?: EntryTrace[];
  'phone-reuse'?: EntryTrace[];
}
/**
 * How one rule or consequence condition was decided.
 */
export interface EntryTrace {
  /**
   * The rule or consequence id.
   */
  id: string;
  /**
   * rule: a precondition of the policy; consequence: the condition under which a consequence is listed.
   */
  kind: 'rule' | 'consequence';
  /**
   * Whether the condition held (for a rule: whether the requirement is met).
   */
  holds: boolean;
  condition: ConditionTrace;
}
export interface AllTrace {
  all: ConditionTrace[];
  result: boolean;
}
export interface AnyTrace {
  any: ConditionTrace[];
  result: boolean;
}
export interface NotTrace {
  not: ConditionTrace;
  result: boolean;
}
export interface ComparisonTrace {
  /**
   * The fact read.
   */
  fact: string;
  /**
   * The path read inside it.
   */
  path: string;
  /**
   * The value found there.
   */
  found: string | number | boolean | null | unknown[] | {};
  /**
   * The json-rules-engine operator.
   */
  operator: string;
  /**
   * The value compared with (resolved, when it comes from another fact).
   */
  expected: string | number | boolean | null | unknown[] | {};
  /**
   * Where the expected value was read, when it is another fact's.
   */
  expectedFrom?: {
    fact: string;
    path: string;
  };
  /**
   * The comparison's result.
   */
  result: boolean;
}
export interface ErrorRecord {
  kind: 'error';
  input: {
    source: Source;
  };
  /**
   * Why it could not be evaluated: the same diagnostics `evaluate` prints.
   *
   * @minItems 1
   */
  diagnostics: [
    {
      severity: 'error' | 'warning';
      code: string;
      message: string;
      file?: string;
      pointer?: string;
      line?: number;
      col?: number;
      lineText?: string;
    },
    ...{
      severity: 'error' | 'warning';
      code: string;
      message: string;
      file?: string;
      pointer?: string;
      line?: number;
      col?: number;
      lineText?: string;
    }[]
  ];
}
