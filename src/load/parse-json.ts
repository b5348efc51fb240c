/**
 * JSON input, fast: JSON.parse decides the value (strict JSON), jsonc-parser's visitor refuses
 * duplicate keys (which JSON.parse would silently merge), and positions for diagnostics are
 * found only when one is needed. Running the YAML parser over every JSON line, as before, cost
 * ~80 µs a line — fifty times the parse itself — which is what bounded `batch`.
 */
import {
  findNodeAtLocation,
  parse as parseLenient,
  parseTree,
  printParseErrorCode,
  visit,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { MAX_DIAGNOSTICS, toPointer, type Diagnostic } from '../diagnostics.js';
import type { ParseOutcome, Position } from './document.js';
import { inexactJsonNumbers } from './inexact-numbers.js';

/** Builds the diagnostic for a position: file, line text and so on are the caller's to choose. */
export type At = (line: number, col: number) => Diagnostic;

export function parseJsonText(text: string, at: At): ParseOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, diagnostics: [syntaxDiagnostic(text, at)] };
  }
  const duplicates = keysInText(text) === keysInValue(value) ? [] : duplicateKeys(text);
  if (duplicates.length > 0) {
    // Each line:col costs a pass over the text: only those that can be listed are found.
    const diagnostics = duplicates.map((duplicate, i): Diagnostic => {
      const key = duplicate.path.at(-1) ?? '';
      return {
        ...(i < MAX_DIAGNOSTICS ? atOffset(text, duplicate.offset, at) : unplaced(at)),
        code: 'duplicate-key',
        message: `key ${JSON.stringify(key)} appears twice in the same mapping; keep one`,
        pointer: toPointer(duplicate.path),
      };
    });
    return { ok: false, diagnostics };
  }
  let tree: Node | undefined;
  const locate = (pointer: string, options?: { key?: boolean }): Position | undefined => {
    tree ??= parseTree(text);
    return tree ? locateIn(text, tree, pointer, options?.key ?? false) : undefined;
  };
  return { ok: true, document: { value, locate, inexactNumbers: inexactJsonNumbers(text) } };
}

/**
 * How many object keys the text writes: a string followed by a colon. JSON.parse keeps one key
 * of each repeated pair, so fewer keys in the value than in the text means a key was repeated.
 * Counting costs well under a microsecond for a snapshot; finding where (below) costs ~5.
 */
function keysInText(text: string): number {
  let keys = 0;
  let inString = false;
  let afterString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) {
        inString = false;
        afterString = true;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x3a) {
      if (afterString) keys++;
      afterString = false;
    } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      afterString = false;
    }
  }
  return keys;
}

function keysInValue(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const item of value) keys += keysInValue(item);
    return keys;
  }
  for (const key of Object.keys(value))
    keys += 1 + keysInValue((value as Record<string, unknown>)[key]);
  return keys;
}

/** Where the same key appears a second time in one object, with the key's path. */
export function firstDuplicateKey(text: string): DuplicateKey | undefined {
  return duplicateKeys(text, 1)[0];
}

interface DuplicateKey {
  offset: number;
  path: string[];
}

function atOffset(text: string, offset: number, at: At): Diagnostic {
  const { line, col } = lineColAt(text, offset);
  return at(line, col);
}

/** A diagnostic past those listed is only counted: it gets no position. */
function unplaced(at: At): Diagnostic {
  const { line: _line, col: _col, lineText: _text, ...rest } = at(1, 1);
  return rest;
}

/** Every key repeated in its object (up to `limit`), in text order, with the key's path. */
function duplicateKeys(text: string, limit = Infinity): DuplicateKey[] {
  const seen: Array<Set<string>> = [];
  const found: DuplicateKey[] = [];
  visit(text, {
    onObjectBegin: () => {
      seen.push(new Set());
      return found.length < limit;
    },
    onObjectEnd: () => {
      seen.pop();
    },
    onObjectProperty: (property, offset, _length, _line, _col, pathSupplier) => {
      const keys = seen[seen.length - 1];
      if (!keys || found.length >= limit) return;
      if (keys.has(property))
        found.push({ offset, path: [...pathSupplier().map(String), property] });
      keys.add(property);
    },
  });
  return found;
}

function locateIn(
  text: string,
  tree: Node,
  pointer: string,
  wantKey: boolean,
): Position | undefined {
  const path =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  // Walk down as far as the path exists, so an absent key points at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const segments = path
      .slice(0, depth)
      .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    const node = segments.length === 0 ? tree : findNodeAtLocation(tree, segments);
    if (!node) continue;
    const target =
      wantKey && depth === path.length && node.parent?.type === 'property'
        ? (node.parent.children?.[0] ?? node)
        : node;
    const { line, col } = lineColAt(text, target.offset);
    return { line, col, lineText: text.split(/\r?\n/)[line - 1] ?? '' };
  }
  return undefined;
}

/** JSON.parse said no; jsonc-parser (strict settings) says where and what, which Node 20 often omits. */
export function syntaxDiagnostic(text: string, at: At): Diagnostic {
  const errors: ParseError[] = [];
  parseLenient(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  const offset = first?.offset ?? text.length;
  const what = first
    ? printParseErrorCode(first.error)
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase()
    : 'unexpected end of input';
  const { line, col } = lineColAt(text, offset);
  return { ...at(line, col), message: `invalid JSON: ${what}` };
}

export function lineColAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, col };
}
