/** What every loader returns: a plain value, and where in the text each part of it was written. */
import type { Diagnostic } from '../diagnostics.js';
import type { InexactNumber } from './inexact-numbers.js';

export type { InexactNumber };

export type TextFormat = 'json' | 'yaml';

export interface Position {
  line: number;
  col: number;
  lineText: string;
}

export interface ParsedDocument {
  value: unknown;
  /**
   * Where the value at `pointer` is written; for a key that is absent, where its parent is.
   * `within`: a character offset into the string value there (e.g. a placeholder in a message);
   * honoured where the text shows the string as it is (a one-line plain or quoted scalar without
   * escapes before it), else the value's start.
   */
  locate(pointer: string, options?: { key?: boolean; within?: number }): Position | undefined;
  /** Numbers the parser rounded (`1e-400` → 0): validation refuses them where an integer belongs. */
  inexactNumbers?: readonly InexactNumber[];
}

export type ParseOutcome =
  { ok: true; document: ParsedDocument } | { ok: false; diagnostics: Diagnostic[] };
