/**
 * YAML text → a plain value with positions, refusing every YAML feature that could change
 * meaning or exhaust the process: duplicate keys, tags, directives, alias bombs.
 */
import {
  LineCounter,
  parseDocument,
  Parser,
  visit,
  type CST,
  type Document,
  type Node,
  type YAMLError,
  type YAMLWarning,
} from 'yaml';
import { inBothLanguages, toPointer, type Diagnostic } from '../diagnostics.js';
import type { ParseOutcome } from './document.js';
import { inexactYamlNumbers } from './inexact-numbers.js';
import { locate, pathOfKeyAt } from './yaml-positions.js';
import { yamlTypos } from './yaml-typos.js';
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
    const reported = problems.map((problem) => problemDiagnostic(problem, doc, lineCounter, at));
    // A keyboard mistake explains the library's errors from its line on: one error, at it.
    const typos = yamlTypos(lines, at);
    const from = typos[0]?.line ?? Infinity;
    return fail([...reported.filter((d) => (d.line ?? 0) < from), ...typos]);
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
      locate: (pointer, options) => locate(doc, lineCounter, text, lines, pointer, options ?? {}),
      inexactNumbers: inexactYamlNumbers(doc, text),
    },
  };
}

function fail(diagnostics: Diagnostic | Diagnostic[]): ParseOutcome {
  return { ok: false, diagnostics: Array.isArray(diagnostics) ? diagnostics : [diagnostics] };
}

/** A parser error or warning as a diagnostic; a duplicate key names its pointer. */
function problemDiagnostic(
  problem: YAMLError | YAMLWarning,
  doc: Document,
  lineCounter: LineCounter,
  at: At,
): Diagnostic {
  const { line, col } = lineCounter.linePos(problem.pos[0]);
  if (problem.code === 'DUPLICATE_KEY') {
    const path = pathOfKeyAt(doc, problem.pos[0]);
    const key = path?.at(-1);
    const name = key === undefined ? '' : ` ${JSON.stringify(key)}`;
    return {
      ...at(line, col),
      code: 'duplicate-key',
      ...inBothLanguages({
        'zh-CN': `同一个映射里键${name}出现了两次；请只保留一个`,
        en: `${key === undefined ? 'a key' : `key${name}`} appears twice in the same mapping; keep one`,
      }),
      ...(path ? { pointer: toPointer(path) } : {}),
    };
  }
  const code = problem.code === 'TAG_RESOLVE_FAILED' ? 'unsupported-yaml' : 'syntax';
  return { ...at(line, col), code, message: describeYamlProblem(problem.code, problem.message) };
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
