/* Generated from schemas/diagnostic.schema.json by scripts/generate-types.mjs: do not edit. */

/**
 * What went wrong, as a stable code. docs/diagnostics.md lists every code with what to do; the rule-set codes are explained in docs/authoring.md, section 5.
 */
export type DiagnosticCode =
  | 'usage'
  | 'read-failed'
  | 'syntax'
  | 'duplicate-key'
  | 'unsupported-yaml'
  | 'schema'
  | 'duplicate-binding-id'
  | 'inconsistent-time'
  | 'more-problems'
  | 'unknown-rule-file'
  | 'policy-name-mismatch'
  | 'missing-rule-file'
  | 'duplicate-id'
  | 'unknown-placeholder'
  | 'unknown-section'
  | 'bad-rule-id'
  | 'unknown-operator'
  | 'unknown-fact-path'
  | 'unsafe-path'
  | 'type-mismatch'
  | 'empty-condition'
  | 'missing-translation'
  | 'bad-parameter'
  | 'policy-without-rules'
  | 'missing-contract-id'
  | 'target-contract-mismatch'
  | 'compares-with-itself'
  | 'rule-cannot-fail'
  | 'rule-cannot-hold'
  | 'consequence-always-applies'
  | 'consequence-never-applies'
  | 'empty-corpus'
  | 'unknown-rule-id'
  | 'bad-rule-test'
  | 'no-rule-tests'
  | 'empty-report-input'
  | 'mixed-rule-digests'
  | 'inconsistent-record'
  | 'write-failed'
  | 'out-is-input'
  | 'out-not-generated'
  | 'bad-key'
  | 'bad-anchor'
  | 'log-uncommitted-moved'
  | 'log-uncommitted'
  | 'log-not-verified'
  | 'too-large'
  | 'time-out-of-range'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'nesting-too-deep'
  | 'forbidden-key'
  | 'log-write-failed'
  | 'overloaded'
  | 'time-limit-exceeded'
  | 'shutting-down'
  | 'not-found'
  | 'bad-request'
  | 'headers-too-large'
  | 'request-timeout'
  | 'internal-error';

/**
 * One problem account-policy reports, in the one shape every command, the library (InvalidInputError.diagnostics), the decision log and the HTTP service use: errors are data; only the CLI turns them into text and exit statuses.
 */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  /**
   * What is wrong and what was expected, e.g. "must be an integer ≥ 0, got 12.5".
   */
  message: string;
  /**
   * The message in both languages, where its producer wrote both (the rule-authoring diagnostics of check, test and analyze). `message` is then the English one. `check --lang zh-CN` shows the zh-CN one.
   */
  messages?: {
    'zh-CN': string;
    en: string;
  };
  /**
   * The file the problem is in, as the caller named it ("-" for stdin).
   */
  file?: string;
  /**
   * JSON pointer to the offending value inside the document, e.g. "/pay/balanceFen".
   */
  pointer?: string;
  /**
   * 1-based line of the offending key or value, when the text was parsed with positions.
   */
  line?: number;
  /**
   * 1-based column.
   */
  col?: number;
  /**
   * The text of that line, to draw a caret under.
   */
  lineText?: string;
}
