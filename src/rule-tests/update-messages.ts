/**
 * `test --update`: after a rule's wording changed, the expected messages of the failing cases
 * are rewritten to what the rules now say — in place, each value only, comments and layout
 * kept. Outcomes, failing rule ids and consequences are never touched: a case that fails for
 * those still fails. A message whose rule or consequence is not shown any more is left as it is.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isScalar, parseDocument, type Document } from 'yaml';
import { InvalidInputError } from '../diagnostics.js';
import { openOutput } from '../output/open-output.js';
import { forFlag } from '../output/write-failed.js';
import type { RuleTestReport } from './rule-test-case.js';

export interface MessageUpdate {
  /** The case file, as the report names it. */
  file: string;
  /** The case's place in its file's `cases`. */
  index: number;
  /** 1-based line of the value rewritten. */
  line: number;
  policy: string;
  id: string;
  from: string;
  to: string;
}

export interface UpdateOptions {
  /** The report names files relative to this. */
  cwd: string;
  /** The rule directory: only its tests/ may be written. */
  rules: string;
  /** Each case file's text as the cases were read (runRuleTests' `caseFiles`). */
  caseFiles: ReadonlyMap<string, string>;
}

/** Rewrites every case file that has a message to update; returns what it changed, in report order. */
export async function updateExpectedMessages(
  report: RuleTestReport,
  options: UpdateOptions,
): Promise<MessageUpdate[]> {
  const wanted = new Map<string, Array<Omit<MessageUpdate, 'line'>>>();
  for (const result of report.cases) {
    if (result.passed) continue;
    for (const d of result.differences) {
      const id = d.field.startsWith('message ') ? d.field.slice('message '.length) : undefined;
      if (id === undefined || typeof d.actual !== 'string' || typeof d.expected !== 'string')
        continue;
      const list = wanted.get(result.file) ?? [];
      list.push({
        file: result.file,
        index: result.index,
        policy: d.subject,
        id,
        from: d.expected,
        to: d.actual,
      });
      wanted.set(result.file, list);
    }
  }
  const done: MessageUpdate[] = [];
  for (const [file, updates] of wanted) done.push(...(await rewriteFile(file, updates, options)));
  return done;
}

async function rewriteFile(
  file: string,
  updates: Array<Omit<MessageUpdate, 'line'>>,
  options: UpdateOptions,
): Promise<MessageUpdate[]> {
  const path = resolve(options.cwd, file);
  const text = options.caseFiles.get(file);
  // Someone else's edit since the cases were read is theirs to keep: refuse, write nothing.
  const unchanged = async () => {
    if (text === undefined || (await readFile(path, 'utf8')) !== text)
      throw refused(file, 'it changed while the tests ran; run test --update again');
  };
  await unchanged();
  const { text: next, lines } = rewrittenText(text ?? '', updates, file);
  const output = await openOutput({
    out: path,
    cwd: options.cwd,
    inputs: { rules: options.rules, rulesScope: 'top-level' },
  }).catch((error: unknown) => Promise.reject(forFlag(error, '--update')));
  try {
    await unchanged();
    await output.write(next);
    await output.commit();
  } catch (error) {
    await output.abort();
    throw forFlag(error, '--update');
  }
  return updates.map((update, i) => ({ ...update, line: lines[i] ?? 1 }));
}

const YAML_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: true, strict: true } as const;

/**
 * The text with each expected message replaced where it is written; plain where the value was
 * plain and stays plain, else double-quoted. Checked by parsing the result: the file must say
 * exactly what it said, but for the new messages. `lines`: where each now is.
 */
function rewrittenText(
  text: string,
  updates: ReadonlyArray<Omit<MessageUpdate, 'line'>>,
  file: string,
): { text: string; lines: number[] } {
  const doc = parseDocument(text, YAML_OPTIONS);
  const paths = updates.map((u) => [
    'cases',
    u.index,
    'expect',
    'policies',
    u.policy,
    'messages',
    u.id,
  ]);
  const expected = doc.toJS() as unknown;
  for (const [i, path] of paths.entries()) setIn(expected, path, updates[i]?.to);
  for (const plain of [true, false]) {
    const edits = paths.map((path, i) => edit(doc, text, path, updates[i]?.to ?? '', plain, file));
    const { next, starts } = applied(text, edits);
    const reread = parseDocument(next, YAML_OPTIONS);
    if (reread.errors.length === 0 && JSON.stringify(reread.toJS()) === JSON.stringify(expected))
      return { text: next, lines: starts.map((start) => next.slice(0, start).split('\n').length) };
  }
  throw refused(file, 'its expected messages could not be rewritten in place; edit them by hand');
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** The text with every edit made, and where each replacement starts in it (in `edits` order). */
function applied(text: string, edits: readonly Edit[]): { next: string; starts: number[] } {
  const order = [...edits.keys()].sort((a, b) => (edits[a]?.start ?? 0) - (edits[b]?.start ?? 0));
  const starts: number[] = [];
  let next = '';
  let from = 0;
  for (const i of order) {
    const e = edits[i] as Edit;
    next += text.slice(from, e.start);
    starts[i] = next.length;
    next += e.replacement;
    from = e.end;
  }
  return { next: next + text.slice(from), starts };
}

function edit(
  doc: Document,
  text: string,
  path: Array<string | number>,
  to: string,
  plain: boolean,
  file: string,
): Edit {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || !node.range) throw refused(file, `${path.join('/')} is not a message`);
  const keepPlain = plain && node.type === 'PLAIN' && plainIsSafe(to);
  const [start, valueEnd] = node.range;
  // A block scalar's range runs over the blank and comment lines after it: those stay.
  const written = text.slice(start, valueEnd).replace(/(\n[ \t]*(#[^\n]*)?)*\n?$/, '');
  return { start, end: start + written.length, replacement: keepPlain ? to : JSON.stringify(to) };
}

/** `to` reads back as itself when written plain, in a block or a flow mapping. */
function plainIsSafe(to: string): boolean {
  if (/[\n,[\]{}]/.test(to)) return false;
  const reread = parseDocument(`k: ${to}`, YAML_OPTIONS);
  return reread.errors.length === 0 && (reread.toJS() as { k?: unknown }).k === to;
}

function setIn(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let at = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1] as string | number] = value;
}

function refused(file: string, why: string): InvalidInputError {
  return new InvalidInputError([
    { severity: 'error', code: 'write-failed', message: `cannot update ${file}: ${why}`, file },
  ]);
}
