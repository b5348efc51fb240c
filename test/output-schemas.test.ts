/**
 * Every JSON output has a published schema, and the real outputs validate against it: what
 * `check`, `test`, `diff` and `report --format json` print (the CLI as a child process), and
 * every answer of the HTTP service (listening on a loopback port). Each schema also refuses an
 * invalid object, so a schema that accepted anything would fail here.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/server/create-server.js';
import { copyRuleSet, publishedSchema, repoRoot, runCli, snapshot } from './helpers.js';

const NOW = '2026-11-25T00:00:00Z';
/** Parsed JSON, typed loosely: the schemas are what check its shape. */
type Json = any;

function expectValid(value: unknown, name: string, fragment = ''): void {
  const validate = publishedSchema(name, fragment);
  const ok = validate(value);
  expect(ok, `${name}${fragment}: ${JSON.stringify(validate.errors, null, 2)}`).toBe(true);
}

/** `mutate` a copy of a valid value; the schema must refuse the result. */
function expectRefused(
  value: unknown,
  name: string,
  mutate: (copy: Json) => void,
  fragment = '',
): void {
  expectValid(value, name, fragment);
  const copy = structuredClone(value) as Json;
  mutate(copy);
  expect(
    publishedSchema(name, fragment)(copy),
    `${name}${fragment} accepted an invalid value`,
  ).toBe(false);
}

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'account-policy-output-schemas-'));
  // A rule set with an error and a schema violation, so `check` has diagnostics to print.
  await copyRuleSet({
    from: join(repoRoot, 'test/fixtures/rule-set'),
    into: join(work, 'broken'),
    edits: [
      {
        file: 'cancel.yaml',
        find: '    description: The wallet (零钱) must be empty.\n',
        replace: '    description: The wallet (零钱) must be empty.\n    severity: high\n',
      },
      {
        file: 'withdraw.yaml',
        find: 'id: withdraw.cooling-off-active',
        replace: 'id: cancel.balance-zero',
      },
    ],
  });
  // The shipped rules with rule tests that fail in every way a difference can be reported.
  await copyRuleSet({ into: join(work, 'failing') });
  await writeFile(
    join(work, 'failing/tests/zz-failing.yaml'),
    [
      'cases:',
      '  - description: expects the wrong lifecycle, failing rules and message',
      '    now: "2026-11-24T00:00:00Z"',
      '    snapshot:',
      '      accountId: wxid_failing',
      '      phone: "+86 138 0000 0001"',
      '      pay: { enabled: true, balanceFen: 5, pendingTransactions: 0, pendingRefunds: 0, bankCards: [] }',
      '      authorizations: []',
      '      cancellation: null',
      '    expect:',
      '      lifecycle: cooling_off',
      '      policies:',
      '        cancel:',
      '          failing: [cancel.pay-closed]',
      '          messages:',
      '            cancel.pay-closed: not this',
      '  - description: expects an error from a valid snapshot',
      '    now: "2026-11-24T00:00:00Z"',
      '    snapshot:',
      '      accountId: wxid_failing',
      '      phone: "+86 138 0000 0001"',
      '      pay: { enabled: false, balanceFen: 0, pendingTransactions: 0, pendingRefunds: 0, bankCards: [] }',
      '      authorizations: []',
      '      cancellation: null',
      '    expect:',
      '      error: { code: schema, pointer: /pay/enabled }',
      '',
    ].join('\n'),
  );
  // Shorter periods: a diff with changes to report, and records under another rules digest.
  await copyRuleSet({
    into: join(work, 'shorter'),
    edits: [
      { file: 'parameters.yaml', find: 'coolingOffDays: 15', replace: 'coolingOffDays: 7' },
      { file: 'parameters.yaml', find: 'phoneReleaseDays: 30', replace: 'phoneReleaseDays: 10' },
    ],
  });
  const corpus = await readFile(join(repoRoot, 'examples/corpus.ndjson'), 'utf8');
  await writeFile(
    join(work, 'mixed.ndjson'),
    `${corpus.split('\n').slice(0, 40).join('\n')}\nnot json\n{"accountId": 1}\n`,
  );
});

async function cliJson(args: string[], status: number): Promise<{ output: Json; stderr: string }> {
  const result = await runCli(args, { cwd: work });
  expect(result.status, result.stderr).toBe(status);
  return { output: JSON.parse(result.stdout) as Json, stderr: result.stderr };
}

describe('CLI JSON outputs validate against their published schemas', () => {
  it('check --format json: check-output.schema.json', async () => {
    const shipped = await runCli(['check', '--format', 'json']);
    expect(shipped.status).toBe(0);
    expectValid(JSON.parse(shipped.stdout), 'check-output');

    const { output } = await cliJson(['check', '--rules', 'broken', '--format', 'json'], 2);
    expect(output.digest).toBeNull();
    expect(output.errors).toBeGreaterThanOrEqual(2);
    expect(output.diagnostics.map((d: Json) => d.code)).toContain('schema');
    expectValid(output, 'check-output');
    expectRefused(output, 'check-output', (o) => (o.diagnostics[0].code = 'no-such-code'));
    expectRefused(output, 'check-output', (o) => (o.digest = 'sha256:short'));
    expectRefused(output, 'check-output', (o) => delete o.warnings);
  });

  it('test --format json: rule-test-report.schema.json', async () => {
    const shipped = await runCli(['test', '--format', 'json', '--coverage-min', '100']);
    expect(shipped.status, shipped.stderr).toBe(0);
    const passing = JSON.parse(shipped.stdout) as Json;
    expect(passing).toMatchObject({ coverageMin: 100, coverageMet: true });
    expectValid(passing, 'rule-test-report');

    const { output } = await cliJson(['test', '--rules', 'failing', '--format', 'json'], 1);
    const failed = output.cases.filter((c: Json) => !c.passed);
    expect(failed).toHaveLength(2);
    const values = failed.flatMap((c: Json) =>
      c.differences.flatMap((d: Json) => [d.expected, d.actual]),
    );
    expect(values).toContain(null);
    expect(values.some(Array.isArray)).toBe(true);
    expectValid(output, 'rule-test-report');
    expectRefused(
      output,
      'rule-test-report',
      (o) => (o.cases.find((c: Json) => !c.passed).differences[0].subject = 'nonsense'),
    );
    expectRefused(output, 'rule-test-report', (o) => (o.cases[0].line = 0));
    expectRefused(passing, 'rule-test-report', (o) => delete o.coverageMet);
    expectRefused(passing, 'rule-test-report', (o) => (o.coverage.rules[0].policy = 'delete'));
  });

  it('diff --format json: diff-report.schema.json', async () => {
    const { output } = await cliJson(
      [
        'diff',
        join(repoRoot, 'examples/corpus.ndjson'),
        'mixed.ndjson',
        '--base',
        join(repoRoot, 'rules'),
        '--rules',
        'shorter',
        '--now',
        NOW,
        '--format',
        'json',
      ],
      0,
    );
    expect(output.changed).toBeGreaterThan(0);
    expect(output.lifecycle.length).toBeGreaterThan(0);
    expect(output.invalid.underBoth.count).toBe(2);
    expectValid(output, 'diff-report');
    expectRefused(output, 'diff-report', (o) => (o.lifecycle[0].to = 'frozen'));
    expectRefused(output, 'diff-report', (o) => (o.invalid.underBoth.examples[0].code = 'oops'));
    expectRefused(output, 'diff-report', (o) => (o.policies.cancel.unchanged.count = -1));
    // the semantic section rides along, in its own schema
    expect(output.semantic.verdict).toBe('changes');
    expectRefused(output, 'diff-report', (o) => (o.semantic.changes[0].direction = 'sideways'));
  }, 60_000);

  it('diff without a corpus --format json: semantic-diff.schema.json', async () => {
    const args = [
      'diff',
      '--base',
      join(repoRoot, 'rules'),
      '--rules',
      'shorter',
      '--format',
      'json',
    ];
    const { output } = await cliJson(args, 0);
    expect(output.changes.length).toBeGreaterThan(0);
    expectValid(output, 'semantic-diff');
    expectRefused(output, 'semantic-diff', (o) => (o.verdict = 'probably'));
    expectRefused(output, 'semantic-diff', (o) => (o.changes[0].examples = []));
    expectRefused(output, 'semantic-diff', (o) => delete o.changes[0].examples[0].before);
    expectRefused(
      output,
      'semantic-diff',
      (o) => (o.changes[0].examples[0].snapshot.pay.balanceFen = -1),
    );
  });

  it('analyze --format json: analysis.schema.json', async () => {
    const { output } = await cliJson(['analyze', '--rules', 'shorter', '--format', 'json'], 0);
    expect(output.rules.length).toBe(16);
    expectValid(output, 'analysis');
    expectRefused(output, 'analysis', (o) => (o.rules[0].canFail = 'maybe'));
    expectRefused(output, 'analysis', (o) => delete o.rules[0].holds.now);
    expectRefused(output, 'analysis', (o) => (o.rules[0].holds.snapshot.accountId = ''));
    expectRefused(output, 'analysis', (o) => (o.consequences[0].line = 0));
  });

  it('report --format json over records and snapshots: report.schema.json; batch records: decision-record.schema.json', async () => {
    const base = await runCli(['batch', 'mixed.ndjson', '--now', NOW, '--workers', '0'], {
      cwd: work,
    });
    const shorter = await runCli(
      ['batch', 'mixed.ndjson', '--now', NOW, '--workers', '0', '--rules', 'shorter'],
      { cwd: work },
    );
    const records = `${base.stdout}${shorter.stdout}`;
    const lines = records
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Json);
    expect(lines.filter((r) => r.kind === 'error')).toHaveLength(4);
    for (const record of lines) expectValid(record, 'decision-record');
    const errorRecord = lines.find((r) => r.kind === 'error');
    expectRefused(errorRecord, 'decision-record', (r) => (r.diagnostics[0].code = 'made-up'));
    expectRefused(errorRecord, 'decision-record', (r) => (r.diagnostics = []));
    await writeFile(join(work, 'records.ndjson'), records);

    const { output } = await cliJson(
      [
        'report',
        'records.ndjson',
        'mixed.ndjson',
        '--now',
        NOW,
        '--format',
        'json',
        '--lang',
        'en',
        '--max-accounts',
        '5',
      ],
      0,
    );
    expect(output.warnings.map((d: Json) => d.code)).toContain('mixed-rule-digests');
    expect(output.summary.fromRecords).toBeGreaterThan(0);
    expect(output.accounts.omitted).toBeGreaterThan(0);
    expect(output.errors.entries.length).toBeGreaterThan(0);
    expectValid(output, 'report');
    expectRefused(output, 'report', (o) => (o.warnings[0].severity = 'fatal'));
    expectRefused(output, 'report', (o) => (o.accounts.entries[0].lifecycle = 'asleep'));
    expectRefused(output, 'report', (o) => (o.summary.evaluatedAt = { earliest: 'yesterday' }));
    expectRefused(output, 'report', (o) => (o.extra = true));
    // Every policy tally splits its fails; the premises the split used are named.
    for (const p of output.summary.policies) expect(p.notApplicable + p.blocked).toBe(p.fail);
    expectRefused(output, 'report', (o) => delete o.summary.policies[0].notApplicable);
    expectRefused(output, 'report', (o) => (o.summary.policies[0].blocked = -1));
    expectRefused(output, 'report', (o) => delete o.ruleSet.premises);
  }, 60_000);

  it('diagnostic.schema.json: every field checked', () => {
    const diagnostic = {
      severity: 'error',
      code: 'schema',
      message: 'is required but missing',
      file: 'x.json',
      pointer: '/phone',
      line: 3,
      col: 1,
      lineText: '{',
    };
    expectRefused(diagnostic, 'diagnostic', (d) => (d.code = 'Schema'));
    expectRefused(diagnostic, 'diagnostic', (d) => (d.col = 0));
    expectRefused(diagnostic, 'diagnostic', (d) => delete d.message);
    expectRefused(diagnostic, 'diagnostic', (d) => (d.hint = 'none'));
  });
});

describe('HTTP answers validate against the http-* schemas', () => {
  let server: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    server = await createServer({
      logStream: { write: () => true },
      bodyLimit: 64 * 1024,
      maxBatchItems: 5,
    });
    url = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  async function get(path: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${url}${path}`);
    return { status: response.status, body: (await response.json()) as Json };
  }

  async function post(
    path: string,
    body: string,
    contentType = 'application/json',
  ): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return { status: response.status, body: (await response.json()) as Json };
  }

  const blocked = snapshot({
    accountId: 'wxid_http_schema',
    pay: { enabled: true, balanceFen: 1250, bankCards: [{ id: 'card-1' }] },
    authorizations: [{ id: 'auth-1', kind: 'mini_program', name: 'a mini program' }],
  });

  it('GET /healthz and /readyz: http-status.schema.json', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expectRefused(health.body, 'http-status', (b) => (b.status = 'down'), '/$defs/health');
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expectRefused(ready.body, 'http-status', (b) => (b.ready = false), '/$defs/ready');
    expectRefused(ready.body, 'http-status', (b) => (b.lastReload = { ok: true }), '/$defs/ready');
  });

  it('GET /v1/rules: http-rules-response.schema.json', async () => {
    const rules = await get('/v1/rules');
    expect(rules.status).toBe(200);
    expectRefused(rules.body, 'http-rules-response', (b) => delete b.parameters);
    expectRefused(rules.body, 'http-rules-response', (b) => (b.policies[0].rules[0].reason = 'x'));
  });

  it('GET /openapi.json names every schema component the server answers with', async () => {
    const openapi = await get('/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.components.schemas)).toEqual(
      expect.arrayContaining(['EvaluateResponse', 'BatchResponse', 'ErrorResponse', 'Diagnostic']),
    );
  });

  it('POST /v1/evaluate: http-evaluate-response.schema.json, and http-error.schema.json for 400', async () => {
    const ok = await post(
      '/v1/evaluate',
      JSON.stringify({ snapshot: blocked, now: NOW, unbind: 'card-1', explain: true, lang: 'en' }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.explanation).toBeDefined();
    expectRefused(ok.body, 'http-evaluate-response', (b) => (b.decisionId = 'not-a-sha'));
    expectRefused(ok.body, 'http-evaluate-response', (b) => (b.policies.cancel.outcome = 'maybe'));
    expectRefused(ok.body, 'http-evaluate-response', (b) => (b.diagnostics = []));

    const plain = await post('/v1/evaluate', JSON.stringify({ snapshot: blocked, now: NOW }));
    expect(plain.status).toBe(200);
    expectValid(plain.body, 'http-evaluate-response');

    const badSnapshot = await post(
      '/v1/evaluate',
      JSON.stringify({ snapshot: { ...blocked, phone: 12 }, now: NOW }),
    );
    expect(badSnapshot.status).toBe(400);
    expectRefused(badSnapshot.body, 'http-error', (b) => (b.diagnostics = []));
    expectRefused(badSnapshot.body, 'http-error', (b) => (b.diagnostics[0].code = 'bad'));

    const badEnvelope = await post('/v1/evaluate', JSON.stringify({ snapshot: blocked, when: 1 }));
    expect(badEnvelope.status).toBe(400);
    expectValid(badEnvelope.body, 'http-error');

    const notJson = await post('/v1/evaluate', '{"snapshot": ');
    expect(notJson.status).toBe(400);
    expectValid(notJson.body, 'http-error');
  });

  it('POST /v1/evaluate/batch: http-batch-response.schema.json, decided and refused items', async () => {
    const batch = await post(
      '/v1/evaluate/batch',
      JSON.stringify({
        items: [
          { snapshot: blocked, now: NOW },
          { snapshot: { ...blocked, pay: null }, now: NOW },
          { snapshot: blocked, now: 'yesterday' },
          { snapshot: blocked, now: NOW, explain: true, unbind: 'auth-1' },
        ],
      }),
    );
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ evaluated: 2, errors: 2 });
    expectRefused(batch.body, 'http-batch-response', (b) => (b.results[1].error = 1));
    expectRefused(batch.body, 'http-batch-response', (b) => (b.results[0].rules = {}));
    expectRefused(batch.body, 'http-batch-response', (b) => (b.evaluated = -1));

    const tooMany = await post(
      '/v1/evaluate/batch',
      JSON.stringify({ items: Array.from({ length: 6 }, () => ({ snapshot: blocked })) }),
    );
    expect(tooMany.status).toBe(400);
    expectValid(tooMany.body, 'http-error');
  });

  it('404, 413 and 415 answer in the http-error.schema.json shape', async () => {
    const missing = await get('/nowhere');
    expect(missing.status).toBe(404);
    expectRefused(missing.body, 'http-error', (b) => delete b.error);

    const large = await post(
      '/v1/evaluate',
      JSON.stringify({ snapshot: { ...blocked, padding: 'x'.repeat(70 * 1024) } }),
    );
    expect(large.status).toBe(413);
    expectValid(large.body, 'http-error');

    const wrongType = await post(
      '/v1/evaluate',
      JSON.stringify({ snapshot: blocked }),
      'text/plain',
    );
    expect(wrongType.status).toBe(415);
    expectRefused(wrongType.body, 'http-error', (b) => (b.diagnostics[0].extra = true));
  });
});
