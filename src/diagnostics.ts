/**
 * Every problem account-policy reports has one shape, a Diagnostic: errors are data, collected
 * and returned; only the outermost shell (the CLI) turns them into text and exit statuses.
 */
import stringWidth from 'string-width';
import { DIAGNOSTIC_TITLES } from './diagnostic-titles.js';
import type { Diagnostic, DiagnosticCode } from './generated/diagnostic.js';
import type { Lang } from './lang.js';

/**
 * A Diagnostic and its stable `code` are declared by schemas/diagnostic.schema.json (the decision
 * log, the HTTP errors and every JSON output $ref it); src/generated/diagnostic.ts is what it
 * generates. docs/diagnostics.md explains each code; the rule-set codes, docs/authoring.md §5.
 */
export type { Diagnostic, DiagnosticCode };

/** Thrown by the convenience API when input is invalid; carries every diagnostic. */
export class InvalidInputError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
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

/** The most problems listed for one snapshot; past it, one `more-problems` diagnostic counts the rest. */
export const MAX_DIAGNOSTICS = 20;

/** The first MAX_DIAGNOSTICS of `diagnostics`, then "and N more" when some were left out. */
export function boundDiagnostics(diagnostics: Diagnostic[], file?: string): Diagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS) return diagnostics;
  const more = diagnostics.length - MAX_DIAGNOSTICS;
  const summary: Diagnostic = {
    severity: 'error',
    code: 'more-problems',
    message: `and ${more} more ${more === 1 ? 'problem' : 'problems'} not listed (only the first ${MAX_DIAGNOSTICS} are); fix these and check again`,
    ...(file === undefined ? {} : { file }),
  };
  return [...diagnostics.slice(0, MAX_DIAGNOSTICS), summary];
}

/** How many problems `diagnostics` stand for: a `more-problems` summary counts those it left out. */
export function problemCount(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.reduce((count, d) => {
    const more = d.code === 'more-problems' ? /^and (\d+) more/.exec(d.message) : null;
    return count + (more ? Number(more[1]) : 1);
  }, 0);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * `file:line:col: code: pointer: message`, then the line with a caret under the column. In zh-CN
 * the code is followed by what it means, and the message is the zh-CN one where it exists.
 * The caret counts display columns: a CJK character takes two, a tab stays a tab.
 */
export function formatDiagnostic(d: Diagnostic, lang: Lang = 'en'): string {
  const where = [d.file, d.line, d.col].filter((part) => part !== undefined).join(':');
  const zh = lang === 'zh-CN';
  const code = zh ? `${d.code}（${DIAGNOSTIC_TITLES[d.code]['zh-CN']}）` : d.code;
  const head = [
    where,
    d.severity === 'warning' ? `${zh ? '警告' : 'warning'}: ${code}` : code,
    d.pointer,
    d.messages?.[lang] ?? d.message,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(': ');
  if (d.lineText === undefined || d.line === undefined || d.col === undefined) return head;
  const gutter = String(d.line);
  const pad = ' '.repeat(gutter.length);
  const shown = shownLine(d.lineText, d.col);
  const caretPad = [...shown.text.slice(0, shown.caret - 1)]
    .map((char) => (char === '\t' ? char : ' '.repeat(stringWidth(char))))
    .join('');
  return `${head}\n ${gutter} | ${shown.text}\n ${pad} | ${caretPad}^`;
}

/** The most of an offending line a diagnostic shows: a minified snapshot is one line of any length. */
export const SHOWN_LINE_COLUMNS = 80;

/**
 * The part of `lineText` shown with a diagnostic: at most SHOWN_LINE_COLUMNS terminal columns
 * (a CJK character takes two) around column `col` — half of them before it — cut only between
 * characters, with … where it was cut; `caret` is the column in the shown text.
 */
export function shownLine(lineText: string, col: number): { text: string; caret: number } {
  if (stringWidth(lineText) <= SHOWN_LINE_COLUMNS) return { text: lineText, caret: col };
  const chars = [...lineText];
  const widths = chars.map((char) => stringWidth(char));
  let caretAt = 0;
  for (let units = 0; caretAt < chars.length && units < col - 1; caretAt++)
    units += (chars[caretAt] ?? '').length;
  let start = caretAt;
  let used = 0;
  while (start > 0 && used + (widths[start - 1] ?? 0) <= SHOWN_LINE_COLUMNS / 2)
    used += widths[--start] ?? 0;
  let end = start;
  used = 0;
  while (end < chars.length && used + (widths[end] ?? 0) <= SHOWN_LINE_COLUMNS)
    used += widths[end++] ?? 0;
  while (end === chars.length && start > 0 && used + (widths[start - 1] ?? 0) <= SHOWN_LINE_COLUMNS)
    used += widths[--start] ?? 0;
  const before = start > 0 ? '…' : '';
  const after = end < chars.length ? '…' : '';
  const skipped = chars.slice(0, start).join('').length;
  return {
    text: before + chars.slice(start, end).join('') + after,
    caret: col - skipped + before.length,
  };
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

/** A message written in both languages, as a diagnostic carries it: `message` is the English one. */
export function inBothLanguages(text: {
  'zh-CN': string;
  en: string;
}): Pick<Diagnostic, 'message' | 'messages'> {
  return { message: text.en, messages: text };
}
