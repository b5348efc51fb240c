/**
 * YAML text → a plain value with positions, refusing every YAML feature that could change
 * meaning or exhaust the process: duplicate keys, tags, directives, alias bombs.
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
import type { ParseOutcome, Position } from './document.js';
import type { At } from './parse-json.js';

/** Aliases a document may expand; our documents need none, so a small bound suffices. */
const MAX_ALIAS_COUNT = 50;

const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: true,
  merge: false,
  strict: true,
  prettyErrors: false,
} as const;

export function parseYamlText(text: string, at: At, lines: string[]): ParseOutcome {
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

type Token = CST.Token | CST.BlockMap['items'][number]['key'] | undefined | null;

/**
 * The offset of the first collection nested deeper than `max`, or undefined. yaml's CST parser
 * keeps its own stack (no recursion), and so does this walk over the tokens it returns.
 */
export function nestingDeeperThan(text: string, max: number): number | undefined {
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
