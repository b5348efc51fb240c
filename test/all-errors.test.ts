/**
 * Issue 14, item 6: a snapshot with several problems reports all of them, each with its pointer
 * (and line:col where there is text), at most 20 and then "and N more", alike in the library,
 * the CLI and HTTP. The library's messages name no CLI flag.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, loadPolicy, type Diagnostic, type Policy } from '../src/index.js';
import { createServer } from '../src/server/index.js';
import { runCli, snapshot } from './helpers.js';

/** Three problems: no accountId, a negative balance, an unknown authorization kind. */
const three: Record<string, unknown> = {
  ...snapshot(),
  pay: { ...snapshot().pay, balanceFen: -100 },
};
delete three.accountId;
three.authorizations = [{ id: 'a1', kind: 'game', name: 'X' }];
const threeText = `${JSON.stringify(three, null, 2)}\n`;

const KINDS = '"app", "mini_program", "official_account_admin", "wecom", "open_platform"';
const expected = [
  { code: 'schema', pointer: '/accountId', message: 'is required but missing', line: 1, col: 1 },
  {
    code: 'schema',
    pointer: '/pay/balanceFen',
    message: 'must be >= 0, got -100',
    line: 14,
    col: 19,
  },
  {
    code: 'schema',
    pointer: '/authorizations/0/kind',
    message: `must be one of ${KINDS}, got "game"`,
    line: 7,
    col: 15,
  },
];

/** Fifty problems: fifty authorizations of an unknown kind. */
const fifty = snapshot({
  authorizations: Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, kind: 'game', name: 'X' })),
} as never);
const MORE = 'and 30 more problems not listed (only the first 20 are); fix these and check again';

const shape = (d: Diagnostic) => ({
  code: d.code,
  pointer: d.pointer,
  message: d.message,
  line: d.line,
  col: d.col,
});

async function refusal(run: () => Promise<unknown>): Promise<readonly Diagnostic[]> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).diagnostics;
}

let policy: Policy;
let dir: string;
let server: FastifyInstance;

beforeAll(async () => {
  policy = await loadPolicy();
  dir = await mkdtemp(join(tmpdir(), 'all-errors-'));
  await writeFile(join(dir, 'three.json'), threeText);
  await writeFile(join(dir, 'fifty.json'), JSON.stringify(fifty, null, 2));
  server = await createServer({ logStream: { write: () => undefined } });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the library', () => {
  it('lists all three problems with pointer and line:col', async () => {
    const diagnostics = await refusal(() => policy.evaluateText(threeText, { file: 'three.json' }));
    expect(diagnostics.map(shape)).toEqual(expected);
    expect(diagnostics.every((d) => d.file === 'three.json' && d.severity === 'error')).toBe(true);
  });

  it('lists them for a snapshot value too (pointers, no positions)', async () => {
    const diagnostics = await refusal(() => policy.evaluate(three));
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual(
      expected.map((d) => [d.code, d.pointer]),
    );
  });

  it('lists the first 20 of 50, then "and 30 more"', async () => {
    const diagnostics = await refusal(() => policy.evaluate(fifty));
    expect(diagnostics).toHaveLength(21);
    expect(diagnostics.slice(0, 20).map((d) => d.pointer)).toEqual(
      Array.from({ length: 20 }, (_, i) => `/authorizations/${i}/kind`),
    );
    expect(diagnostics[20]).toEqual({
      severity: 'error',
      code: 'more-problems',
      message: MORE,
      file: 'snapshot',
    });
  });

  it('one message per problem: a -1.5 balance is "an integer", not also ">= 0"', async () => {
    const diagnostics = await refusal(() =>
      policy.evaluate(snapshot({ pay: { balanceFen: -1.5 } })),
    );
    expect(diagnostics.map((d) => [d.pointer, d.message])).toEqual([
      ['/pay/balanceFen', 'must be an integer, got -1.5'],
    ]);
  });

  it('every repeated binding id, and the options with the snapshot', async () => {
    const card = { id: 'x', bank: 'B', last4: '1234' };
    const auth = { id: 'x', kind: 'app', name: 'A' };
    const diagnostics = await refusal(() =>
      policy.evaluate(
        snapshot({ pay: { bankCards: [card, card] }, authorizations: [auth] } as never),
        { unbind: '' },
      ),
    );
    expect(diagnostics.map((d) => [d.code, d.pointer ?? null])).toEqual([
      ['usage', null],
      ['duplicate-binding-id', '/pay/bankCards/1/id'],
      ['duplicate-binding-id', '/authorizations/0/id'],
    ]);
  });

  it('every repeated JSON key, with line:col', async () => {
    const text =
      '{"accountId": "a",\n "accountId": "b",\n "pay": {"enabled": true, "enabled": false}}';
    const diagnostics = await refusal(() => policy.evaluateText(text, { file: 'dup.json' }));
    expect(diagnostics.map((d) => [d.code, d.pointer, d.line, d.col])).toEqual([
      ['duplicate-key', '/accountId', 2, 2],
      ['duplicate-key', '/pay/enabled', 3, 27],
    ]);
  });

  it('every timestamp after the evaluation time, in words without CLI flags', async () => {
    const late = snapshot({
      cancellation: { requestedAt: '2027-01-01T00:00:00Z', firstLoginAt: null },
    });
    const diagnostics = await refusal(() =>
      policy.evaluate(
        { ...late, capturedAt: '2027-02-01T00:00:00Z' },
        { now: '2026-11-24T00:00:00Z' },
      ),
    );
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['inconsistent-time', '/capturedAt'],
      ['inconsistent-time', '/cancellation/requestedAt'],
    ]);
    for (const d of diagnostics) expect(d.message).not.toMatch(/--[a-z]/);
    expect(diagnostics[0]!.message).toMatch(/give the right evaluation time `now`/);
  });
});

describe('the CLI', () => {
  it('prints all three, each with line:col and a caret, and exits 2', async () => {
    const { status, stdout, stderr } = await runCli(['evaluate', join(dir, 'three.json')]);
    expect({ status, stdout }).toEqual({ status: 2, stdout: '' });
    const heads = stderr.split('\n').filter((line) => line.startsWith('account-policy: '));
    expect(heads).toEqual(
      expected.map(
        (d) =>
          `account-policy: ${join(dir, 'three.json')}:${d.line}:${d.col}: ${d.code}: ${d.pointer}: ${d.message}`,
      ),
    );
    expect(stderr).toContain(`\n 14 |     "balanceFen": -100,\n    | ${' '.repeat(18)}^\n`);
  });

  it('prints 20 of 50, then "and 30 more"', async () => {
    const { status, stderr } = await runCli(['evaluate', join(dir, 'fifty.json')]);
    expect(status).toBe(2);
    const heads = stderr.split('\n').filter((line) => line.startsWith('account-policy: '));
    expect(heads).toHaveLength(21);
    expect(heads[20]).toBe(`account-policy: ${join(dir, 'fifty.json')}: more-problems: ${MORE}`);
  });

  it('names its own flag where the library names the option', async () => {
    const file = join(dir, 'future.json');
    await writeFile(file, JSON.stringify(snapshot({ capturedAt: '2030-01-01T00:00:00Z' })));
    const { stderr } = await runCli(['evaluate', file, '--now', '2026-11-24T00:00:00Z']);
    expect(stderr).toMatch(
      /inconsistent-time: \/capturedAt: .*\(pass --now, or fix the timestamp\)/,
    );
  });
});

describe('HTTP', () => {
  it('POST /v1/evaluate answers 400 with all three', async () => {
    const response = await server.inject({
      method: 'POST',
      url: '/v1/evaluate',
      payload: { snapshot: three },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: string; diagnostics: Diagnostic[] }>();
    expect(body.error).toBe('invalid input: /accountId: is required but missing (and 2 more)');
    expect(body.diagnostics.map((d) => [d.code, d.pointer, d.message, d.file])).toEqual(
      expected.map((d) => [d.code, d.pointer, d.message, 'snapshot']),
    );
  });

  it('answers 20 of 50 and "and 30 more"; the summary counts all 49 others', async () => {
    const response = await server.inject({
      method: 'POST',
      url: '/v1/evaluate',
      payload: { snapshot: fifty },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: string; diagnostics: Diagnostic[] }>();
    expect(body.diagnostics).toHaveLength(21);
    expect(body.diagnostics[20]).toMatchObject({ code: 'more-problems', message: MORE });
    expect(body.error).toMatch(/^invalid input: \/authorizations\/0\/kind: .* \(and 49 more\)$/);
  });
});
