/**
 * Numbers whose text the parser rounds: `1e-400` reads as 0, `4503599627370496.5` as
 * 4503599627370496, `1e400` as Infinity, `1.0` and `1e2` as whole numbers, and in YAML also
 * `.inf` (YAML's `0x10` is 16 exactly: an integer literal, not rounded). Such a value looks like
 * an integer to a schema that only sees the value, so the loaders list them, with the text as
 * written, for validation to refuse where the schema says integer (validate/exact-integers.ts).
 * A fraction that stays a fraction (`1.5`) is not listed: the schema refuses it as it is.
 */
import { visit as visitJson } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, visit as visitYaml, type Document } from 'yaml';
import { toPointer } from '../diagnostics.js';

export interface InexactNumber {
  /** Where the number is, as a JSON pointer. */
  pointer: string;
  /** The number as written. */
  text: string;
  /** What the parser made of it. */
  value: number;
}

/**
 * An integer literal: decimal digits, or YAML 1.2 core's 0x… and 0o…. Written so, it is read
 * exactly when its value is a safe integer (every integer up to 2^53 − 1 is; anything past it
 * reads as 2^53 or more).
 */
const INTEGER_LITERAL = /^([-+]?\d+|0x[0-9a-fA-F]+|0o[0-7]+)$/;

/** Whether the text of a number that parsed to `value` stands for exactly that value. */
export function isExact(text: string, value: number): boolean {
  if (INTEGER_LITERAL.test(text)) return Number.isSafeInteger(value);
  return Number.isFinite(value) && !Number.isInteger(value);
}

/**
 * The numbers of a JSON text that are not exact. A string-aware scan finds whether any number
 * has a fraction, an exponent or 16 digits or more; only then is the text walked for pointers.
 */
export function inexactJsonNumbers(text: string): InexactNumber[] {
  if (!mayHaveInexactNumber(text)) return [];
  const found: InexactNumber[] = [];
  visitJson(text, {
    onLiteralValue(value, offset, length, _line, _col, pathSupplier) {
      if (typeof value !== 'number') return;
      const written = text.slice(offset, offset + length);
      if (!isExact(written, value))
        found.push({ pointer: toPointer(pathSupplier()), text: written, value });
    },
  });
  return found;
}

function mayHaveInexactNumber(text: string): boolean {
  let inString = false;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c >= 0x30 && c <= 0x39) {
      if (++digits >= 16) return true;
      continue;
    } else if (digits > 0 && (c === 0x2e || c === 0x65 || c === 0x45)) return true;
    digits = 0;
  }
  return false;
}

/** The numbers of a parsed YAML document that are not exact, with their source text. */
export function inexactYamlNumbers(doc: Document, text: string): InexactNumber[] {
  const found: InexactNumber[] = [];
  visitYaml(doc, {
    Scalar(_key, node, path) {
      if (typeof node.value !== 'number' || !node.range) return;
      const written = text.slice(node.range[0], node.range[1]).trim();
      if (isExact(written, node.value)) return;
      const segments = pathOf([...path, node]);
      if (segments) found.push({ pointer: toPointer(segments), text: written, value: node.value });
    },
  });
  return found;
}

/** The keys and indexes from the document down to `chain`'s last node; undefined inside a key. */
function pathOf(chain: readonly unknown[]): string[] | undefined {
  const segments: string[] = [];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) segments.push(String(parent.items.indexOf(child as never)));
    else if (isPair(parent)) {
      if (parent.value !== child) return undefined; // a number used as a key is a string key
      segments.push(String(isScalar(parent.key) ? parent.key.value : parent.key));
    } else if (!isMap(parent) && i > 0) return undefined;
  }
  return segments;
}
