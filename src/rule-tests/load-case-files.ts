/**
 * Loads every case file in <rules>/tests/*.yaml: parsed with positions, validated against
 * schemas/rule-tests.schema.json, checked against the rule set, snapshot files read. Every
 * problem in every file is collected; any problem means no case runs at all.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InvalidInputError, readFailed, type Diagnostic } from '../diagnostics.js';
import type { RuleTestsFile, TestCase } from '../generated/rule-tests.js';
import { matchingFiles } from '../load/list-files.js';
import { parseDocumentText, type ParsedDocument } from '../load/parse-document.js';
import { readInputText } from '../load/read-text.js';
import type { RuleSet } from '../rules/rule-set.js';
import { schemaDiagnostics } from '../validate/schema-diagnostics.js';
import { schemaErrors } from '../validate/schemas.js';
import { checkCase, type Locate } from './check-case.js';
import { refuseOutsideRules } from './fixture-path.js';
import type { RuleTestCase, SnapshotSource } from './rule-test-case.js';

/** `texts`: each case file's text as it was read (test --update refuses a file changed since). */
export type LoadCasesOutcome =
  | { ok: true; cases: RuleTestCase[]; texts: ReadonlyMap<string, string> }
  | { ok: false; diagnostics: Diagnostic[] };

export interface LoadCasesOptions {
  /** Relative paths are read from here. */
  cwd: string;
  ruleSet: RuleSet;
}

/** `testsDir` is named in diagnostics as given; case and fixture files are named below it. */
export async function loadCaseFiles(
  testsDir: string,
  options: LoadCasesOptions,
): Promise<LoadCasesOutcome> {
  const names = await caseFileNames(resolve(options.cwd, testsDir));
  if (names.length === 0) {
    const message =
      'there are no rule test cases here: add a <name>.yaml file with `cases:` (docs/rule-tests.md shows how)';
    return {
      ok: false,
      diagnostics: [{ severity: 'error', code: 'no-rule-tests', message, file: testsDir }],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const cases: RuleTestCase[] = [];
  const texts = new Map<string, string>();
  const context = { ...options, fixtures: new Map<string, Promise<SnapshotSource>>() };
  for (const name of names) {
    const file = join(testsDir, name);
    const loaded = await loadCaseFile(file, context);
    cases.push(...loaded.cases);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.text !== undefined) texts.set(file, loaded.text);
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, cases, texts };
}

interface FileContext extends LoadCasesOptions {
  /** Fixture files already read: several cases often share one. */
  fixtures: Map<string, Promise<SnapshotSource>>;
}

type Loaded = { cases: RuleTestCase[]; diagnostics: Diagnostic[]; text?: string };

async function loadCaseFile(file: string, context: FileContext): Promise<Loaded> {
  const read = await readCaseDocument(file, context.cwd);
  if (!read.ok) return { cases: [], diagnostics: read.diagnostics };
  const { document, text } = read;
  const diagnostics: Diagnostic[] = [];
  const cases: RuleTestCase[] = [];
  const locate: Locate = (pointer, at) => ({ file, pointer, ...document.locate(pointer, at) });
  for (const [index, testCase] of (document.value as RuleTestsFile).cases.entries()) {
    const pointer = `/cases/${index}`;
    const problems = checkCase(testCase, pointer, context.ruleSet, locate);
    diagnostics.push(...problems);
    try {
      // Read even when the case has other problems, so that one run reports them all.
      const snapshot = await snapshotOf(testCase, {
        file,
        pointer,
        document,
        cwd: context.cwd,
        fixtures: context.fixtures,
        rulesDir: context.ruleSet.dir,
      });
      if (problems.length === 0)
        cases.push(caseFrom(testCase, { file, index, line: locate(pointer).line, snapshot }));
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const at = locate(`${pointer}/snapshotFile`);
      const [first] = error.diagnostics;
      diagnostics.push(
        first?.code === 'bad-rule-test' ? { ...first, ...at } : fixtureUnreadable(error, at),
      );
    }
  }
  return { cases, diagnostics, text };
}

/** The case file read, parsed with positions and valid against its schema. */
async function readCaseDocument(
  file: string,
  cwd: string,
): Promise<
  { ok: true; document: ParsedDocument; text: string } | { ok: false; diagnostics: Diagnostic[] }
> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    return { ok: false, diagnostics: [readFailed(file, error)] };
  }
  const parsed = parseDocumentText(text.replace(/^\uFEFF/, ''), 'yaml', file);
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  const errors = schemaErrors('rule-tests', parsed.document.value, 'all');
  if (errors.length > 0)
    return {
      ok: false,
      diagnostics: schemaDiagnostics(errors, parsed.document, file, undefined, { bilingual: true }),
    };
  return { ok: true, document: parsed.document, text };
}

/** A snapshot file that cannot be read, reported at the case's `snapshotFile`. */
function fixtureUnreadable(error: InvalidInputError, at: ReturnType<Locate>): Diagnostic {
  const why = (error.diagnostics[0]?.message ?? '').replace(/^cannot read: /, '');
  const path = error.diagnostics[0]?.file ?? '';
  const message = `cannot read ${path}: ${why}; snapshotFile is relative to this case file`;
  return { severity: 'error', code: 'read-failed', message, ...at };
}

async function caseFileNames(dir: string): Promise<string[]> {
  try {
    return await matchingFiles(dir, (name) => /\.ya?ml$/.test(name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

interface SnapshotContext {
  file: string;
  pointer: string;
  document: ParsedDocument;
  cwd: string;
  fixtures: Map<string, Promise<SnapshotSource>>;
  /** snapshotFile must lead to a file under it. */
  rulesDir: string;
}

/**
 * Throws InvalidInputError: read-failed when a snapshot file cannot be read, bad-rule-test when
 * it leads outside the rule directory (`../../../../etc/passwd` is neither read nor shown).
 */
async function snapshotOf(testCase: TestCase, context: SnapshotContext): Promise<SnapshotSource> {
  if (testCase.snapshotFile === undefined) {
    return Promise.resolve({
      kind: 'inline',
      value: testCase.snapshot,
      document: context.document,
      pointer: `${context.pointer}/snapshot`,
    });
  }
  const path = join(dirname(context.file), testCase.snapshotFile);
  await refuseOutsideRules(path, testCase.snapshotFile, context);
  let source = context.fixtures.get(path);
  if (!source) {
    source = readInputText(path, { cwd: context.cwd }).then(({ file, text }) => ({
      kind: 'file',
      file,
      text,
    }));
    context.fixtures.set(path, source);
  }
  return source;
}

function caseFrom(
  testCase: TestCase,
  at: { file: string; index: number; line: number | undefined; snapshot: SnapshotSource },
): RuleTestCase {
  return {
    ...at,
    description: testCase.description,
    now: testCase.now,
    unbind: testCase.unbind,
    lang: testCase.lang ?? 'zh-CN',
    expect: testCase.expect,
  };
}
