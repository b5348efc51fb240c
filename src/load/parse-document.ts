/**
 * Turns JSON or YAML text into a plain value plus a way to find where any JSON pointer sits in
 * the text, refusing every YAML feature that could change meaning or exhaust the process.
 */
import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Parser,
  visit,
  type CST,
  type Document,
  type Node,
} from 'yaml';
import { fromPointer, toPointer, type Diagnostic } from '../diagnostics.js';
import { lineColAt, parseJsonText } from './parse-json.js';

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

export type ParseOutcome =
  { ok: true; document: ParsedDocument } | { ok: false; diagnostics: Diagnostic[] };

/** Aliases a document may expand; our documents need none, so a small bound suffices. */
const MAX_ALIAS_COUNT = 50;
/**
 * Deepest nesting of arrays and objects accepted anywhere: in text (flow `[[[…` or block
 * `- - - …`), in values passed to the library, in HTTP bodies. Snapshots need 6. The yaml
 * parser refuses ~1,000 flow levels, but a second such refusal in one process has aborted
 * Node 20; block nesting overflows the composer's recursion from ~900 levels on the main thread
 * (~3,700 in a worker, so the same input gave different answers). Both are measured beforehand,
 * without recursion.
 */
export const MAX_NESTING_DEPTH = 64;
/**
 * Largest text accepted per document (snapshot, rule file, NDJSON line), in UTF-8 bytes. YAML
 * parsing costs ~300 bytes of memory per input byte at worst (1 MiB of `- 0` lines: ~330 MB,
 * 2.5 s); a real snapshot is a few KB. The bound keeps one input from exhausting the process.
 */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

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
  const depth =
    flowDepthExceeded(text) ??
    (format === 'yaml' ? nestingDeeperThan(text, MAX_NESTING_DEPTH) : undefined);
  if (depth !== undefined) {
    const { line, col } = lineColAt(text, depth);
    return fail({
      ...at(line, col),
      code: 'unsupported-yaml',
      message: `nesting deeper than ${MAX_NESTING_DEPTH} levels is refused`,
    });
  }

  if (format === 'json') return parseJsonText(text, at);

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
          const message =
            key === undefined
              ? 'a key appears twice in the same mapping; keep one'
              : `key ${JSON.stringify(key)} appears twice in the same mapping; keep one`;
          return {
            ...at(line, col),
            code: 'duplicate-key',
            message,
            ...(path ? { pointer: toPointer(path) } : {}),
          };
        }
        const code = problem.code === 'TAG_RESOLVE_FAILED' ? 'unsupported-yaml' : 'syntax';
        return {
          ...at(line, col),
          code,
          message: describeYamlProblem(problem.code, problem.message),
        };
      }),
    );
  }
  if (doc.directives?.yaml.explicit) {
    return fail({
      ...at(1, 1),
      code: 'unsupported-yaml',
      message:
        'a %YAML directive is refused: files are read as YAML 1.2 (remove the directive line)',
    });
  }
  const tagged = firstExplicitTag(doc);
  if (tagged) {
    const { line, col } = lineCounter.linePos(tagged.range?.[0] ?? 0);
    return fail({
      ...at(line, col),
      code: 'unsupported-yaml',
      message: `explicit tags such as ${tagged.tag} are refused: write plain values`,
    });
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return fail({
      ...at(1, 1),
      code: 'unsupported-yaml',
      message: `aliases expand to too many nodes (at most ${MAX_ALIAS_COUNT}): ${(error as Error).message}`,
    });
  }

  return {
    ok: true,
    document: {
      value,
      locate: (pointer, options) => locate(doc, lineCounter, lines, pointer, options?.key ?? false),
    },
  };
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

/** The offset of the first bracket that opens a flow collection too deep, or undefined. */
function flowDepthExceeded(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING_DEPTH) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** The UTF-8 length of `text` when it exceeds `max`, else undefined (measured only when it could). */
function utf8BytesOver(text: string, max: number): number | undefined {
  if (text.length * 3 <= max) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > max ? bytes : undefined;
}

type Token = CST.Token | CST.BlockMap['items'][number]['key'] | undefined | null;

/**
 * The offset of the first collection nested deeper than `max`, or undefined. yaml's CST parser
 * keeps its own stack (no recursion), and so does this walk over the tokens it returns.
 */
function nestingDeeperThan(text: string, max: number): number | undefined {
  const pending: Array<{ token: Token; depth: number }> = [];
  for (const token of new Parser().parse(text)) pending.push({ token, depth: 0 });
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    if (!token) continue;
    if (token.type === 'document') pending.push({ token: token.value, depth });
    else if (
      token.type === 'block-map' ||
      token.type === 'block-seq' ||
      token.type === 'flow-collection'
    ) {
      if (depth + 1 > max) return token.offset;
      for (const item of token.items) {
        if ('key' in item) pending.push({ token: item.key, depth: depth + 1 });
        pending.push({ token: item.value, depth: depth + 1 });
      }
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

function locate(
  doc: Document,
  lineCounter: LineCounter,
  lines: string[],
  pointer: string,
  wantKey: boolean,
): Position | undefined {
  const path = fromPointer(pointer);
  let offset: number | undefined;
  // Walk down as far as the path exists, so an absent key points at its parent.
  for (let depth = path.length; depth >= 0 && offset === undefined; depth--) {
    const prefix = path.slice(0, depth);
    const last = prefix.at(-1);
    if (wantKey && depth === path.length && last !== undefined) {
      const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find(
          (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === last,
        );
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
