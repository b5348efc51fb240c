/* Generated from schemas/facts.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * The facts rule conditions and message placeholders may read. They are derived once per evaluation from the validated snapshot, the rule parameters, the evaluation time and the unbind target (src/facts/derive-facts.ts). A condition names one of these facts and a plain path inside it, e.g. fact: pay, path: $.balanceFen.
 */
export interface Facts {
  /**
   * The account itself.
   */
  account: {
    /**
     * The account id from the snapshot.
     */
    id: string;
    /**
     * A phone number is bound to the account (snapshot `phone` is not null).
     */
    phoneBound: boolean;
  };
  /**
   * WeChat Pay and the wallet.
   */
  pay: {
    /**
     * WeChat Pay is switched on.
     */
    enabled: boolean;
    /**
     * Wallet balance in fen (integer).
     */
    balanceFen: number;
    /**
     * Wallet balance in yuan for messages, two decimals, e.g. "12.50".
     */
    balanceYuan: string;
    /**
     * Unfinished transactions.
     */
    pendingTransactions: number;
    /**
     * Orders awaiting a refund.
     */
    pendingRefunds: number;
    bankCards: Group;
  };
  /**
   * Third-party authorizations still in force, grouped by kind.
   */
  authorizations: {
    /**
     * All authorizations, of every kind.
     */
    count: number;
    app: Group;
    mini_program: Group;
    official_account_admin: Group;
    wecom: Group;
    open_platform: Group;
  };
  /**
   * Where the account stands in the cancellation lifecycle (SPEC §2), at the evaluation time.
   */
  lifecycle: {
    /**
     * none | withdrawn | cooling_off | cancelled.
     */
    state: 'none' | 'withdrawn' | 'cooling_off' | 'cancelled';
    /**
     * retained | scheduled_for_deletion | deleted.
     */
    data: 'retained' | 'scheduled_for_deletion' | 'deleted';
    /**
     * When cancellation was requested (ISO 8601, UTC), or null. A message shows it as a local time in parameters.yaml's timeZone.
     */
    requestedAt: string | null;
    /**
     * requestedAt + coolingOffDays (ISO 8601, UTC), or null when there is no request. A message shows it as a local time in parameters.yaml's timeZone.
     */
    coolingOffEndsAt: string | null;
    /**
     * coolingOffEndsAt in milliseconds since the epoch, or null.
     */
    coolingOffEndsAtMs: number | null;
    /**
     * Whole days left in the cooling-off period, rounded up; null unless cooling_off.
     */
    daysRemaining: number | null;
    /**
     * When the phone number is released (ISO 8601, UTC); null unless cancelled. A message shows it as a local time in parameters.yaml's timeZone.
     */
    phoneReleasedAt: string | null;
    /**
     * phoneReleasedAt in milliseconds since the epoch, or null.
     */
    phoneReleasedAtMs: number | null;
  };
  /**
   * The evaluation time.
   */
  clock: {
    /**
     * The evaluation time (ISO 8601, UTC). A message shows it as a local time in parameters.yaml's timeZone.
     */
    now: string;
    /**
     * The evaluation time in milliseconds since the epoch.
     */
    nowMs: number;
  };
  /**
   * The binding named by --unbind, if any.
   */
  target: {
    /**
     * An unbind target was given.
     */
    given: boolean;
    /**
     * The target binding id, or null.
     */
    id: string | null;
    /**
     * A bank card or authorization has that id.
     */
    found: boolean;
    /**
     * bank_card or the authorization kind; null when not found.
     */
    kind: 'bank_card' | 'app' | 'mini_program' | 'official_account_admin' | 'wecom' | 'open_platform' | null;
    /**
     * The binding's display name, or null when not found.
     */
    name: string | null;
  };
  /**
   * The rule set's parameters (rules/parameters.yaml).
   */
  parameters: {
    /**
     * Length of the cooling-off period in days.
     */
    coolingOffDays: number;
    /**
     * Days after final cancellation until the phone number is released.
     */
    phoneReleaseDays: number;
  };
}
export interface Group {
  /**
   * How many.
   */
  count: number;
  /**
   * Their display names, in snapshot order.
   */
  names: string[];
}
