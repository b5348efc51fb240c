/* Generated from schemas/evaluation-result.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * A condition with its result: all / any / not of others, or one comparison.
 */
export type ConditionTrace = AllTrace | AnyTrace | NotTrace | ComparisonTrace;

/**
 * What `evaluate` returns and `account-policy evaluate --format json` prints (SPEC §4). Same snapshot, rules and evaluation time give byte-identical JSON.
 */
export interface EvaluationResult {
  /**
   * The snapshot's accountId.
   */
  accountId: string;
  /**
   * The evaluation time, ISO 8601 in UTC with milliseconds.
   */
  evaluatedAt: string;
  /**
   * Which rule set decided.
   */
  rules: {
    /**
     * sha256 over the rule files (names and contents, line endings normalised): same files, same digest.
     */
    digest: string;
  };
  /**
   * The account's cancellation lifecycle at the evaluation time (SPEC §2).
   */
  lifecycle: {
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
  };
  /**
   * One entry per policy, in the order cancel, unbind (only with a target), withdraw, phone-reuse.
   */
  policies: {
    cancel: PolicyResult;
    unbind?: PolicyResult;
    withdraw: PolicyResult;
    'phone-reuse': PolicyResult;
  };
  /**
   * Only with explain: per policy evaluated, every rule (and every consequence with a condition) with the full trace of its condition — every comparison, none skipped.
   */
  explanation?: {
    cancel?: EntryTrace[];
    unbind?: EntryTrace[];
    withdraw?: EntryTrace[];
    'phone-reuse'?: EntryTrace[];
  };
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
