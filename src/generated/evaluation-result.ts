/* Generated from schemas/evaluation-result.schema.json by scripts/generate-types.mjs: do not edit. */

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
