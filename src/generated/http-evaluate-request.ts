/* Generated from schemas/http-evaluate-request.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * The body of POST /v1/evaluate, and each item of POST /v1/evaluate/batch: one snapshot and the options of `account-policy evaluate`. Unknown fields are refused, so a misspelt option cannot be silently ignored.
 */
export interface EvaluateRequest {
  /**
   * The account snapshot (account-snapshot.schema.json). The evaluator checks it exactly as `account-policy evaluate` checks a file, so its diagnostics (file "snapshot") point inside the snapshot.
   */
  snapshot: unknown;
  /**
   * The evaluation time, RFC 3339 with a zone offset. Default: the snapshot's capturedAt, else the server's clock.
   */
  now?: string;
  /**
   * A bank card or authorization id: also evaluate the unbind policy for it. Default: none.
   */
  unbind?: string;
  /**
   * Language of reasons and consequences. Default: zh-CN.
   */
  lang?: 'zh-CN' | 'en';
  /**
   * Add `explanation`, every condition of every rule with the values it compared. Default: false.
   */
  explain?: boolean;
}
