/** Shared test helpers: a snapshot factory with defaults, and the real CLI as a child process. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { AccountSnapshot } from '../src/index.js';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const cliPath = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

let publishedAjv: Ajv2020 | undefined;

/**
 * A validator for one of the published schemas in schemas/ (e.g. 'evaluation-result'), from an
 * Ajv of the tests' own: output is checked against the files callers read, not by the package's
 * own checker. Strict, every error reported, RFC 3339 date-times checked in full. `fragment`
 * names a definition inside the file, e.g. ('http-status', '/$defs/health').
 */
export function publishedSchema(name: string, fragment = ''): ValidateFunction {
  if (!publishedAjv) {
    publishedAjv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
    addFormats.default(publishedAjv, { mode: 'full', formats: ['date-time'] });
    for (const file of readdirSync(join(repoRoot, 'schemas')).filter((f) =>
      f.endsWith('.schema.json'),
    )) {
      publishedAjv.addSchema(
        JSON.parse(readFileSync(join(repoRoot, 'schemas', file), 'utf8')) as object,
      );
    }
  }
  const validate = publishedAjv.getSchema(
    `https://account-policy.invalid/schemas/${name}.schema.json${fragment ? `#${fragment}` : ''}`,
  );
  if (!validate) throw new Error(`no published schema ${name}${fragment ? `#${fragment}` : ''}`);
  return validate;
}

export interface RuleEdit {
  /** A file of the rule set, e.g. 'cancel.yaml' or 'tests/unbind.yaml'. */
  file: string;
  /** Text that occurs exactly once in the file … */
  find: string;
  /** … and what replaces it. */
  replace: string;
}

/**
 * A copy of a rule set (default: the shipped rules/, with its tests/) with some edits, as
 * `<fresh temp dir>/rules` unless `into` names the target. Returns the copy's path. An edit whose
 * text is missing or ambiguous throws, so a test can never silently run on the unedited rules.
 */
export async function copyRuleSet(
  options: { from?: string; into?: string; edits?: readonly RuleEdit[] } = {},
): Promise<string> {
  const target =
    options.into ?? join(await mkdtemp(join(tmpdir(), 'account-policy-rules-')), 'rules');
  await cp(options.from ?? join(repoRoot, 'rules'), target, { recursive: true });
  for (const { file, find, replace } of options.edits ?? []) {
    const text = await readFile(join(target, file), 'utf8');
    const occurrences = text.split(find).length - 1;
    if (occurrences !== 1)
      throw new Error(
        `${file} holds ${JSON.stringify(find)} ${occurrences} times; an edit needs exactly one`,
      );
    await writeFile(join(target, file), text.replace(find, replace));
  }
  return target;
}

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object | null ? DeepPartial<T[K]> | T[K] : T[K];
};

/**
 * An account that may cancel: Pay off, empty wallet, no bindings, no request, phone bound,
 * captured at 2026-11-24T00:00:00Z. Override any part; `pay` is merged one level deep.
 */
export function snapshot(
  overrides: DeepPartial<AccountSnapshot> & Record<string, unknown> = {},
): AccountSnapshot {
  const { pay, ...rest } = overrides;
  return {
    accountId: 'wxid_test',
    capturedAt: '2026-11-24T00:00:00Z',
    phone: '+86 138 0000 0000',
    authorizations: [],
    cancellation: null,
    ...rest,
    pay: {
      enabled: false,
      balanceFen: 0,
      pendingTransactions: 0,
      pendingRefunds: 0,
      bankCards: [],
      ...(pay as object | undefined),
    },
  } as AccountSnapshot;
}

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli/main.js ...args` (built by `npm test` before vitest starts). */
export function runCli(
  args: readonly string[],
  options: { stdin?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return runNode([cliPath, ...args], options);
}

/** The environment without its locale: commands whose language follows it then speak en, on any machine. */
function withoutLocale(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LANG: _lang, LC_ALL: _all, LC_MESSAGES: _messages, LANGUAGE: _language, ...rest } = env;
  return rest;
}

/** Runs `node ...args` with NO_COLOR set, `stdin` on its standard input, and collects its output. */
export function runNode(
  args: readonly string[],
  options: { stdin?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? repoRoot,
      env: { ...withoutLocale(process.env), NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
