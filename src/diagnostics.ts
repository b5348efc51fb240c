/**
 * Every problem account-policy reports has one shape, a Diagnostic: errors are data, collected
 * and returned; only the outermost shell (the CLI) turns them into text and exit statuses.
 */

/**
 * What went wrong, as a stable code (docs/diagnostics.md lists them all).
 * - `usage`: a command-line flag or argument is wrong.
 * - `read-failed`: a file or directory could not be read.
 * - `syntax`: the text is not valid JSON or YAML.
 * - `duplicate-key`: a mapping repeats a key.
 * - `unsupported-yaml`: a YAML feature we refuse (a %YAML directive, custom tags, too many aliases, too deep).
 * - `schema`: the value breaks its JSON Schema (missing field, wrong type, …).
 * - `duplicate-binding-id`: a bank card and/or authorization share an id.
 * - `inconsistent-time`: timestamps contradict each other or the evaluation time.
 * - `unknown-rule-file`, `policy-name-mismatch`, `missing-rule-file`, `duplicate-id`,
 *   `unknown-placeholder`, `unknown-section`, `bad-rule-id`, `unknown-operator`,
 *   `unknown-fact-path`, `unsafe-path`, `type-mismatch`, `empty-condition`,
 *   `missing-translation`, `bad-parameter`, `policy-without-rules`: the rule set is broken;
 *   `missing-contract-id` (a warning): a public rule or consequence id has gone missing.
 *   docs/diagnostics.md explains each.
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
  /** `account-policy diff`: a corpus source (directory, NDJSON file or stdin) holds no snapshots. */
  | 'empty-corpus'
  /** `account-policy test`: a rule test names a rule or consequence id its policy does not have. */
  | 'unknown-rule-id'
  /** `account-policy test`: a rule test contradicts itself (e.g. both snapshot and snapshotFile, or an error and policies). */
  | 'bad-rule-test'
  /** `account-policy test`: the rule set has no test cases (no <rules>/tests/*.yaml). */
  | 'no-rule-tests'
  /** `account-policy report`: an input source (NDJSON file, snapshot file, directory or stdin) holds no decision records or snapshots. */
  | 'empty-report-input'
  /** `account-policy report` (a warning): the decisions reported were made under more than one rule set (rules digest). */
  | 'mixed-rule-digests'
  /** `--out` (batch, report) cannot be written: a missing directory, no permission, a directory, a full disk, … (nothing is left half-written). */
  | 'write-failed'
  /** `--out` (batch, report) names one of the command's inputs (an input file, a snapshot file of an input directory, the rules, the decision log or its side files); refused before any work. */
  | 'out-is-input'
  /** `--log-key` / `--public-key`: the file is not an Ed25519 key in PEM. */
  | 'bad-key'
  /** `verify-log --anchor`: the file is not a head as `log-head` prints it. */
  | 'bad-anchor'
  /** A writer moved lines it found past the decision log's head to FILE.uncommitted (a warning, on stderr). */
  | 'log-uncommitted-moved'
  /** `account-policy log-head` (a warning): lines past the head are not committed; the next append moves them aside. */
  | 'log-uncommitted'
  /** A snapshot or rule file larger than the documented limit (1 MiB per document, docs/security.md). */
  | 'too-large'
  /** A timestamp, or an instant derived from one (cooling-off end, phone release), outside the years 0000–9999 that RFC 3339 can write. */
  | 'time-out-of-range'
  /** `account-policy serve`: the request body is larger than the route's limit (HTTP 413). */
  | 'body-too-large'
  /** `account-policy serve`: the request body is not sent as application/json (HTTP 415). */
  | 'unsupported-media-type'
  /** `account-policy serve`: arrays and objects in the request body nest deeper than 64 levels; refused before parsing. */
  | 'nesting-too-deep'
  /** `account-policy serve`: the request body has a `__proto__` key, or `constructor` with `prototype` (prototype poisoning). */
  | 'forbidden-key'
  /** `account-policy serve`: the decision log could not be written, so no decision is reported (HTTP 503, fail closed). */
  | 'log-write-failed'
  /** `account-policy serve`: no such endpoint (HTTP 404); GET /openapi.json lists them. */
  | 'not-found'
  /** `account-policy serve`: the request is malformed at the HTTP level (e.g. a bad Content-Length). */
  | 'bad-request'
  /** `account-policy serve`: the server failed (a bug; HTTP 500); the server log has the details. */
  | 'internal-error';

export interface Diagnostic {
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  /** What is wrong and what was expected, e.g. "must be an integer ≥ 0, got 12.5". */
  message: string;
  /** The file the problem is in, as the caller named it ("-" for stdin). */
  file?: string;
  /** JSON pointer to the offending value inside the document, e.g. "/pay/balanceFen". */
  pointer?: string;
  /** 1-based line of the offending key or value, when the text was parsed with positions. */
  line?: number;
  /** 1-based column. */
  col?: number;
  /** The text of that line, to draw a caret under. */
  lineText?: string;
}

/** Thrown by the convenience API when input is invalid; carries every diagnostic. */
export class InvalidInputError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InvalidInputError';
    this.diagnostics = diagnostics;
  }
}

/** A file-system error reading `file`, as the `read-failed` diagnostic every command reports. */
export function readFailed(file: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory, not a file'
        : (error as Error).message;
  return { severity: 'error', code: 'read-failed', message: `cannot read: ${reason}`, file };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line:col: code: pointer: message`, then the line with a caret under the column. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.col].filter((part) => part !== undefined).join(':');
  const head = [
    where,
    d.severity === 'warning' ? `warning: ${d.code}` : d.code,
    d.pointer,
    d.message,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(': ');
  if (d.lineText === undefined || d.line === undefined || d.col === undefined) return head;
  const gutter = String(d.line);
  const pad = ' '.repeat(gutter.length);
  const shown = shownLine(d.lineText, d.col);
  const caretPad = shown.text.slice(0, shown.caret - 1).replace(/[^\t]/g, ' ');
  return `${head}\n ${gutter} | ${shown.text}\n ${pad} | ${caretPad}^`;
}

/** The most of an offending line a diagnostic shows: a minified snapshot is one line of any length. */
export const SHOWN_LINE_COLUMNS = 80;

/**
 * The part of `lineText` shown with a diagnostic: at most SHOWN_LINE_COLUMNS characters around
 * column `col`, with … where it was cut; `caret` is the column in the shown text.
 */
export function shownLine(lineText: string, col: number): { text: string; caret: number } {
  if (lineText.length <= SHOWN_LINE_COLUMNS) return { text: lineText, caret: col };
  const half = SHOWN_LINE_COLUMNS / 2;
  const start = Math.max(0, Math.min(col - 1 - half, lineText.length - SHOWN_LINE_COLUMNS));
  const end = start + SHOWN_LINE_COLUMNS;
  const before = start > 0 ? '…' : '';
  const after = end < lineText.length ? '…' : '';
  return { text: before + lineText.slice(start, end) + after, caret: col - start + before.length };
}

/** A diagnostic as a record keeps it: the offending line cut to what would be shown. */
export function withShownLine(d: Diagnostic): Diagnostic {
  if (d.lineText === undefined || d.lineText.length <= SHOWN_LINE_COLUMNS) return d;
  return { ...d, lineText: shownLine(d.lineText, d.col ?? 1).text };
}

/** Escapes one key for a JSON pointer (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(path: readonly (string | number)[]): string {
  return path.map((key) => `/${pointerSegment(key)}`).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}
