/**
 * Turns JSON or YAML text into a plain value plus a way to find where any JSON pointer sits in
 * the text. The bounds (limits.ts) are checked here, before either parser sees the text.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ParseOutcome, TextFormat } from './document.js';
import { depthExceededAt, MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH, utf8BytesOver } from './limits.js';
import { lineColAt, parseJsonText } from './parse-json.js';
import { nestingDeeperThan, parseYamlText } from './parse-yaml.js';

export type { ParsedDocument, ParseOutcome, Position, TextFormat } from './document.js';

export function parseDocumentText(text: string, format: TextFormat, file: string): ParseOutcome {
  const lines = text.split(/\r?\n/);
  const at = (line: number, col: number): Diagnostic => ({
    severity: 'error',
    code: 'syntax',
    message: '',
    file,
    line,
    col,
    lineText: lines[line - 1] ?? '',
  });

  const bytes = utf8BytesOver(text, MAX_DOCUMENT_BYTES);
  if (bytes !== undefined) {
    return fail({
      severity: 'error',
      code: 'too-large',
      message: `the text is ${bytes} bytes; at most ${MAX_DOCUMENT_BYTES} bytes (1 MiB) are accepted per document`,
      file,
    });
  }
  // Both scanners are string-aware and iterative: brackets inside a string are not nesting.
  const depth =
    format === 'json'
      ? depthExceededAt(text, MAX_NESTING_DEPTH)
      : nestingDeeperThan(text, MAX_NESTING_DEPTH);
  if (depth !== undefined) {
    const { line, col } = lineColAt(text, depth);
    return fail({
      ...at(line, col),
      code: 'unsupported-yaml',
      message: `nesting deeper than ${MAX_NESTING_DEPTH} levels is refused`,
    });
  }

  if (format === 'json') return parseJsonText(text, at);

  return parseYamlText(text, at, lines);
}

function fail(diagnostics: Diagnostic | Diagnostic[]): ParseOutcome {
  return { ok: false, diagnostics: Array.isArray(diagnostics) ? diagnostics : [diagnostics] };
}
