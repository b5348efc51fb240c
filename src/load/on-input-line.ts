/**
 * An NDJSON line is parsed on its own, as if it were line 1 of a file: its diagnostics are put
 * back on the line of the file it came from (a diagnostic with no line of its own is put on
 * the item's line). Whole-file inputs (line undefined) keep their diagnostics as they are.
 */
import type { Diagnostic } from '../diagnostics.js';

export function onInputLine(
  diagnostics: readonly Diagnostic[],
  line: number | undefined,
): Diagnostic[] {
  if (line === undefined) return [...diagnostics];
  return diagnostics.map((d) => ({ ...d, line: line + (d.line ?? 1) - 1 }));
}
