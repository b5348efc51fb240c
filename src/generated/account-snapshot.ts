/* Generated from schemas/account-snapshot.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * A whole number from 0 up to the largest integer a JSON number holds exactly (2^53 - 1).
 */
export type Count = number;
/**
 * Identifies one binding; unique across bank cards and authorizations. Used as the `--unbind` target.
 */
export type BindingId = string;

/**
 * The state of one WeChat-style account at one moment: what account-policy evaluates (SPEC §1). Unknown extra fields are allowed and ignored. Money is integer fen; every timestamp carries a zone offset.
 */
export interface AccountSnapshot {
  /**
   * The account's identifier, e.g. wxid_abc123.
   */
  accountId: string;
  /**
   * When the snapshot was taken (RFC 3339 with a zone offset). The default evaluation time when no `now` is given.
   */
  capturedAt?: string;
  /**
   * The phone number bound to the account, or null when none is bound (source §4).
   */
  phone: string | null;
  /**
   * WeChat Pay (微信支付) and the wallet (零钱) (source §2).
   */
  pay: {
    /**
     * WeChat Pay is switched on (source §2.1).
     */
    enabled: boolean;
    balanceFen: Count;
    pendingTransactions: Count;
    pendingRefunds: Count;
    /**
     * Bank cards bound to Pay (source §2.2). They do not block cancellation; each can be unbound on its own.
     */
    bankCards: BankCard[];
  };
  /**
   * Third-party bindings still in force (source §3). Every one blocks cancellation; each can be unbound on its own.
   */
  authorizations: Authorization[];
  /**
   * The latest cancellation request (source §5), or null if none was ever made.
   */
  cancellation: null | Cancellation;
}
/**
 * One bank card bound to WeChat Pay.
 */
export interface BankCard {
  id: BindingId;
  /**
   * The issuing bank's name, e.g. 招商银行.
   */
  bank?: string;
  /**
   * The last four digits of the card number.
   */
  last4?: string;
}
/**
 * One third-party binding still in force.
 */
export interface Authorization {
  id: BindingId;
  /**
   * app: an app's WeChat login; mini_program: a mini program's WeChat login; official_account_admin: administrator of an official account (公众号管理员); wecom: a WeChat Work link (企业微信); open_platform: an Open Platform permission (开放平台).
   */
  kind: 'app' | 'mini_program' | 'official_account_admin' | 'wecom' | 'open_platform';
  /**
   * The service's display name, used in reasons.
   */
  name: string;
}
/**
 * A cancellation request and what happened after it.
 */
export interface Cancellation {
  /**
   * When the request was submitted (RFC 3339 with a zone offset). The cooling-off period starts here.
   */
  requestedAt: string;
  /**
   * The first login after the request (RFC 3339 with a zone offset), or null if there was none. A login inside the cooling-off period withdraws the request (source §5.1).
   */
  firstLoginAt: string | null;
}
