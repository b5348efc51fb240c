/**
 * Turns JSON or YAML text into a plain value plus a way to find where any JSON pointer sits in
 * the text, refusing every YAML feature that could change meaning or exhaust the process.
 */
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { fromPointer, toPointer, type Diagnostic } from '../diagnostics.js';

export type TextFormat = 'json' | 'yaml';

export interface Position {
  line: number;
  col: number;
  lineText: string;
}

export interface ParsedDocument {
  value: unknown;
  /** Where the value at `pointer` is written; for a key that is absent, where its parent is. */
  locate(pointer: string, options?: { key?: boolean }): Position | undefined;
}

export type ParseOutcome = { ok: true; document: ParsedDocument } | { ok: false; diagnostics: Diagnostic[] };

/** Aliases a document may expand; our documents need none, so a small bound suffices. */
const MAX_ALIAS_COUNT = 50;
/**
 * Deepest flow nesting accepted. The yaml parser refuses ~1,000 levels, but a second such
 * refusal in one process has aborted Node 20, so we refuse far earlier, before parsing.
 */
const MAX_FLOW_DEPTH = 64;

const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: true,
  merge: false,
  strict: true,
  prettyErrors: false,
} as const;

export function parseDocumentText(text: string, format: TextFormat, file: string): ParseOutcome {
  const lines = text.split(/\r?\n/);
  const at = (line: number, col: number): Diagnostic => ({ severity: 'error', code: 'syntax', message: '', file, line, col, lineText: lines[line - 1] ?? '' });

  const depth = flowDepthExceeded(text);
  if (depth !== undefined) {
    const { line, col } = lineColAt(text, depth);
    return fail({ ...at(line, col), code: 'unsupported-yaml', message: `nesting deeper than ${MAX_FLOW_DEPTH} levels is refused` });
  }

  let jsonValue: unknown;
  if (format === 'json') {
    try {
      jsonValue = JSON.parse(text);
    } catch {
      return fail(jsonSyntaxDiagnostic(text, at));
    }
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return fail(
      problems.map((problem) => {
        const { line, col } = lineCounter.linePos(problem.pos[0]);
        if (problem.code === 'DUPLICATE_KEY') {
          const path = pathOfKeyAt(doc, problem.pos[0]);
          const key = path?.at(-1);
          const message = key === undefined ? 'a key appears twice in the same mapping; keep one' : `key ${JSON.stringify(key)} appears twice in the same mapping; keep one`;
          return { ...at(line, col), code: 'duplicate-key', message, ...(path ? { pointer: toPointer(path) } : {}) };
        }
        const code = problem.code === 'TAG_RESOLVE_FAILED' ? 'unsupported-yaml' : 'syntax';
        return { ...at(line, col), code, message: describeYamlProblem(problem.code, problem.message) };
      }),
    );
  }
  if (doc.directives?.yaml.explicit) {
    return fail({ ...at(1, 1), code: 'unsupported-yaml', message: 'a %YAML directive is refused: files are read as YAML 1.2 (remove the directive line)' });
  }
  const tagged = firstExplicitTag(doc);
  if (tagged) {
    const { line, col } = lineCounter.linePos(tagged.range?.[0] ?? 0);
    return fail({ ...at(line, col), code: 'unsupported-yaml', message: `explicit tags such as ${tagged.tag} are refused: write plain values` });
  }

  let value: unknown;
  try {
    value = format === 'json' ? jsonValue : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return fail({ ...at(1, 1), code: 'unsupported-yaml', message: `aliases expand to too many nodes (at most ${MAX_ALIAS_COUNT}): ${(error as Error).message}` });
  }

  return { ok: true, document: { value, locate: (pointer, options) => locate(doc, lineCounter, lines, pointer, options?.key ?? false) } };
}

function fail(diagnostics: Diagnostic | Diagnostic[]): ParseOutcome {
  return { ok: false, diagnostics: Array.isArray(diagnostics) ? diagnostics : [diagnostics] };
}

/** The path (keys and indexes) of the mapping key written at `offset`, e.g. ['pay', 'enabled']. */
function pathOfKeyAt(doc: Document, offset: number): string[] | undefined {
  const search = (node: unknown, path: string[]): string[] | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (isNode(pair.key) && pair.key.range?.[0] === offset) return [...path, key];
        const found = search(pair.value, [...path, key]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const found = search(item, [...path, String(index)]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(doc.contents, []);
}

function describeYamlProblem(code: string, message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'TAG_RESOLVE_FAILED') return `${first}; custom tags are refused, write plain values`;
  return first;
}

/** JSON.parse said no; jsonc-parser (strict settings) says where and what, which Node 20 often omits. */
function jsonSyntaxDiagnostic(text: string, at: (line: number, col: number) => Diagnostic): Diagnostic {
  const errors: ParseError[] = [];
  parseJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const offset = first?.offset ?? text.length;
  const what = first ? printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'unexpected end of input';
  const { line, col } = lineColAt(text, offset);
  return { ...at(line, col), message: `invalid JSON: ${what}` };
}

function lineColAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, col };
}

/** The offset of the first bracket that opens a flow collection too deep, or undefined. */
function flowDepthExceeded(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

function firstExplicitTag(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Node(_key, node) {
      if (node.tag !== undefined) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function locate(doc: Document, lineCounter: LineCounter, lines: string[], pointer: string, wantKey: boolean): Position | undefined {
  const path = fromPointer(pointer);
  let offset: number | undefined;
  // Walk down as far as the path exists, so an absent key points at its parent.
  for (let depth = path.length; depth >= 0 && offset === undefined; depth--) {
    const prefix = path.slice(0, depth);
    const last = prefix.at(-1);
    if (wantKey && depth === path.length && last !== undefined) {
      const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === last);
        if (pair && isNode(pair.key)) offset = pair.key.range?.[0];
      }
      continue;
    }
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node)) offset = node.range?.[0];
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, col, lineText: lines[line - 1] ?? '' };
}
