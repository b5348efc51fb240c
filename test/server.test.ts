/**
 * The HTTP service, listening on an ephemeral loopback port and called over real HTTP: every
 * endpoint, every refusal (400 with code + pointer, 413, 415, 404, 503), bounded parsing, the
 * request log, the decision log, and the same result as `account-policy evaluate --format json`.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../src/index.js';
import { createServer } from '../src/server/create-server.js';
import { httpAjv, httpSchemaId } from '../src/server/http-schemas.js';
import { publishedSchema, repoRoot, runCli, snapshot } from './helpers.js';

const NOW = '2026-11-25T00:00:00Z';
const PHONE = '+86 138 5555 0199';
const NAME = '秘密小程序';

/** An account that may not cancel: ¥12.50 left and a mini program, with a phone and a name that must never reach the log. */
const blocked = snapshot({
  accountId: 'wxid_http',
  phone: PHONE,
  pay: { balanceFen: 1250, bankCards: [{ id: 'card-1' }] },
  authorizations: [{ id: 'auth-1', kind: 'mini_program', name: NAME }],
});

interface Started {
  server: FastifyInstance;
  url: string;
  logLines: () => Array<Record<string, unknown>>;
  logText: () => string;
}

async function start(options: Parameters<typeof createServer>[0] = {}): Promise<Started> {
  let text = '';
  const server = await createServer({
    logStream: { write: (line: string) => (text += line) },
    ...options,
  });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    server,
    url,
    logText: () => text,
    logLines: () =>
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await json(response)) as Record<string, any>,
  };
}

/** A JSON answer, typed loosely: the tests check its shape against the schemas. */
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

function validAgainst(name: string, value: unknown): boolean {
  const validate = httpAjv().getSchema(httpSchemaId(name))!;
  const ok = validate(value) as boolean;
  if (!ok) console.error(validate.errors);
  return ok;
}

let served: Started;
let digest: string;

beforeAll(async () => {
  served = await start({ bodyLimit: 64 * 1024, maxBatchItems: 5 });
  digest = (await json(fetch(`${served.url}/readyz`))).rules.digest;
});
afterAll(() => served.server.close());

describe('GET endpoints', () => {
  it('/healthz says the process is up, /readyz which rules serve', async () => {
    const health = await fetch(`${served.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await json(health)).toEqual({ status: 'ok' });
    const ready = await fetch(`${served.url}/readyz`);
    const body = await json(ready);
    expect(body).toMatchObject({
      ready: true,
      rules: { digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) },
      lastReload: null,
    });
    expect(ready.headers.get('x-rules-digest')).toBe(body.rules.digest);
    expect(validAgainst('http-status', body)).toBe(true);
    // The root of http-status holds only $defs; the ready body is checked against its own.
    const readySchema = publishedSchema('http-status', '/$defs/ready');
    expect(readySchema(body), JSON.stringify(readySchema.errors)).toBe(true);
    expect(readySchema({ ready: 'yes' })).toBe(false);
  });

  it('/v1/rules lists every rule with its source section and messages, and the parameters', async () => {
    const response = await fetch(`${served.url}/v1/rules`);
    const body = await json(response);
    expect(validAgainst('http-rules-response', body)).toBe(true);
    expect(body.rules.digest).toBe(digest);
    expect(body.parameters).toEqual({ coolingOffDays: 15, phoneReleaseDays: 30 });
    expect(body.policies.map((p: { name: string }) => p.name)).toEqual([
      'cancel',
      'unbind',
      'withdraw',
      'phone-reuse',
    ]);
    const balance = body.policies[0].rules.find(
      (r: { id: string }) => r.id === 'cancel.balance-zero',
    );
    expect(balance).toMatchObject({
      source: '2.1',
      reason: { 'zh-CN': expect.stringContaining('{'), en: expect.any(String) },
    });
    expect(body.sections.some((s: { id: string }) => s.id === '2.1')).toBe(true);
  });

  it('/openapi.json is a valid OpenAPI 3.1 document built from the schemas', async () => {
    const document = await json(fetch(`${served.url}/openapi.json`));
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/healthz',
      '/metrics',
      '/openapi.json',
      '/readyz',
      '/v1/evaluate',
      '/v1/evaluate/batch',
      '/v1/rules',
    ]);
    expect(document.components.schemas.BatchRequest.properties.items.maxItems).toBe(5);
    expect(JSON.stringify(document)).not.toContain('.schema.json#');
  });

  it('an unknown path is 404 in the error shape', async () => {
    const response = await fetch(`${served.url}/v2/evaluate`);
    expect(response.status).toBe(404);
    expect((await json(response)).diagnostics[0].code).toBe('not-found');
  });
});

describe('POST /v1/evaluate', () => {
  it('answers the SPEC §4 result plus decisionId, named by the rules digest in header and body', async () => {
    const { status, headers, body } = await post(`${served.url}/v1/evaluate`, {
      snapshot: blocked,
      now: NOW,
      lang: 'en',
      unbind: 'card-1',
    });
    expect(status).toBe(200);
    expect(validAgainst('http-evaluate-response', body)).toBe(true);
    expect(body.decisionId).toMatch(/^[0-9a-f]{64}$/);
    expect(headers.get('x-rules-digest')).toBe(body.rules.digest);
    expect(Object.keys(body)).toEqual([
      'decisionId',
      'accountId',
      'evaluatedAt',
      'rules',
      'lifecycle',
      'policies',
    ]);
    expect(body.policies.cancel.reasons.map((r: { rule: string }) => r.rule)).toEqual([
      'cancel.balance-zero',
      'cancel.third-party-revoked',
    ]);
    expect(body.policies.unbind.outcome).toBe('pass');
    expect(body.policies.cancel.reasons[0].message).toContain('¥12.50');
  });

  it('with explain, adds the trace', async () => {
    const { body } = await post(`${served.url}/v1/evaluate`, {
      snapshot: blocked,
      now: NOW,
      explain: true,
    });
    expect(body.explanation.cancel.length).toBeGreaterThan(0);
    expect(validAgainst('http-evaluate-response', body)).toBe(true);
  });

  it('gives the same result as `account-policy evaluate --format json`, byte for byte', async () => {
    for (const example of [
      'examples/blocked.yaml',
      'examples/cooling-off.yaml',
      'examples/eligible.json',
    ]) {
      const cli = await runCli([
        'evaluate',
        join(repoRoot, example),
        '--now',
        NOW,
        '--format',
        'json',
        '--lang',
        'en',
      ]);
      expect(cli.status).toBe(0);
      const { body } = await post(`${served.url}/v1/evaluate`, {
        snapshot: JSON.parse(JSON.stringify(await snapshotOf(example))),
        now: NOW,
        lang: 'en',
      });
      const { decisionId: _id, ...result } = body;
      expect(`${JSON.stringify(result, null, 2)}\n`).toBe(cli.stdout);
    }
  });

  it.each([
    [
      'a negative balance',
      { ...blocked, pay: { ...blocked.pay, balanceFen: -1 } },
      'schema',
      '/pay/balanceFen',
    ],
    [
      'a missing accountId',
      (({ accountId: _a, ...rest }) => rest)(blocked),
      'schema',
      '/accountId',
    ],
    [
      'an unknown authorization kind',
      { ...blocked, authorizations: [{ id: 'a', kind: 'fax', name: 'x' }] },
      'schema',
      '/authorizations/0/kind',
    ],
    [
      'a duplicate binding id',
      { ...blocked, authorizations: [{ id: 'card-1', kind: 'app', name: 'x' }] },
      'duplicate-binding-id',
      '/authorizations/0/id',
    ],
    [
      'a capture time after now',
      { ...blocked, capturedAt: '2027-01-01T00:00:00Z' },
      'inconsistent-time',
      '/capturedAt',
    ],
  ])('400 for %s: the CLI’s diagnostic, code and pointer', async (_what, bad, code, pointer) => {
    const { status, headers, body } = await post(`${served.url}/v1/evaluate`, {
      snapshot: bad,
      now: NOW,
    });
    expect(status).toBe(400);
    expect(validAgainst('http-error', body)).toBe(true);
    expect(body.diagnostics[0]).toMatchObject({ code, pointer, file: 'snapshot' });
    expect(body).not.toHaveProperty('decisionId');
    expect(headers.get('x-rules-digest')).toBe(digest);
  });

  it('400 with the same diagnostic the CLI prints for the same snapshot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-http-'));
    const bad = { ...blocked, pay: { ...blocked.pay, balanceFen: 12.5 } };
    await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
    const cli = await runCli(['evaluate', 'bad.json', '--now', NOW], { cwd: dir });
    const { body } = await post(`${served.url}/v1/evaluate`, { snapshot: bad, now: NOW });
    expect(cli.status).toBe(2);
    const { code, pointer, message } = body.diagnostics[0];
    expect(cli.stderr).toContain(`${code}: ${pointer}: ${message}`);
  });

  it.each([
    ['an unknown field', { snapshot: blocked, lnag: 'en' }, '/lnag'],
    ['a time without zone', { snapshot: blocked, now: '2026-11-25T00:00:00' }, '/now'],
    ['an empty unbind target', { snapshot: blocked, unbind: '' }, '/unbind'],
    ['no snapshot', { now: NOW }, '/snapshot'],
  ])('400 for a request with %s, pointing into the request', async (_what, request, pointer) => {
    const { status, body } = await post(`${served.url}/v1/evaluate`, request);
    expect(status).toBe(400);
    expect(body.diagnostics[0]).toMatchObject({ code: 'schema', pointer, file: 'request' });
  });

  it('400 for malformed JSON, with line and column', async () => {
    const { status, body } = await post(`${served.url}/v1/evaluate`, '{\n  "snapshot": {,}\n}');
    expect(status).toBe(400);
    expect(body.diagnostics[0]).toMatchObject({ code: 'syntax', line: 2, col: 16 });
    const empty = await post(`${served.url}/v1/evaluate`, '');
    expect(empty.status).toBe(400);
    expect(empty.body.diagnostics[0].code).toBe('syntax');
  });

  it.each([
    ['__proto__', `{"snapshot": {"accountId": "x", "__proto__": {"admin": true}}}`],
    ['escaped __proto__', `{"snapshot": {"\\u005f_proto__": {"admin": true}}}`],
    ['constructor.prototype', `{"snapshot": {"constructor": {"prototype": {"admin": true}}}}`],
  ])('400 for a %s payload (prototype poisoning)', async (_what, text) => {
    const { status, body } = await post(`${served.url}/v1/evaluate`, text);
    expect(status).toBe(400);
    expect(body.diagnostics[0].code).toBe('forbidden-key');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('400 for a key repeated in one object, as the CLI refuses it, naming the key', async () => {
    const { status, body } = await post(
      `${served.url}/v1/evaluate`,
      '{"snapshot": {"accountId": "a", "accountId": "b"}}',
    );
    expect(status).toBe(400);
    expect(body.diagnostics[0]).toMatchObject({
      code: 'duplicate-key',
      pointer: '/snapshot/accountId',
      message: 'key "accountId" appears twice in the same mapping; keep one',
    });
  });

  it('refuses nesting deeper than 64 levels before parsing, twice in a row, and keeps serving', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    for (const text of [deep, `{"snapshot": ${deep}}`]) {
      const { status, body } = await post(`${served.url}/v1/evaluate`, text);
      expect(status).toBe(400);
      expect(body.diagnostics[0].code).toBe('nesting-too-deep');
    }
    const atLimit = `${'['.repeat(64)}${']'.repeat(64)}`;
    expect((await post(`${served.url}/v1/evaluate`, atLimit)).body.diagnostics[0].code).toBe(
      'schema',
    );
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
  });

  it('413 for a body over the limit, 415 for another content type', async () => {
    const big = await post(`${served.url}/v1/evaluate`, {
      snapshot: { ...blocked, padding: 'x'.repeat(70 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(big.body.diagnostics[0].code).toBe('body-too-large');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/yaml']) {
      const wrong = await post(`${served.url}/v1/evaluate`, JSON.stringify({ snapshot: blocked }), {
        'content-type': type,
      });
      expect(wrong.status).toBe(415);
      expect(wrong.body.diagnostics[0].code).toBe('unsupported-media-type');
    }
    const charset = await post(
      `${served.url}/v1/evaluate`,
      { snapshot: blocked, now: NOW },
      { 'content-type': 'application/json; charset=utf-8' },
    );
    expect(charset.status).toBe(200);
  });
});

describe('POST /v1/evaluate/batch', () => {
  it('answers every item in order; a bad item is an error in its place and fails no other', async () => {
    const items = [
      { snapshot: blocked, now: NOW },
      { snapshot: { ...blocked, pay: { ...blocked.pay, balanceFen: 'lots' } }, now: NOW },
      { snapshot: snapshot({ accountId: 'wxid_ok' }), now: NOW, lang: 'en' },
      { snapshot: blocked, lang: 'fr' },
      42,
    ];
    const { status, headers, body } = await post(`${served.url}/v1/evaluate/batch`, { items });
    expect(status).toBe(200);
    expect(validAgainst('http-batch-response', body)).toBe(true);
    expect(headers.get('x-rules-digest')).toBe(body.rules.digest);
    expect(body).toMatchObject({ evaluated: 2, errors: 3 });
    expect(
      body.results.map((r: { accountId?: string; error?: string }) => r.accountId ?? 'error'),
    ).toEqual(['wxid_http', 'error', 'wxid_ok', 'error', 'error']);
    expect(body.results[1].diagnostics[0]).toMatchObject({
      code: 'schema',
      pointer: '/pay/balanceFen',
      file: 'snapshot',
    });
    expect(body.results[3].diagnostics[0]).toMatchObject({
      code: 'schema',
      pointer: '/items/3/lang',
      file: 'request',
    });
    expect(body.results[4].diagnostics[0]).toMatchObject({ code: 'schema', pointer: '/items/4' });
    const single = await post(`${served.url}/v1/evaluate`, items[0]);
    expect(body.results[0]).toEqual(single.body);
  });

  it('400 for more items than the documented limit, or none', async () => {
    const tooMany = await post(`${served.url}/v1/evaluate/batch`, {
      items: Array.from({ length: 6 }, () => ({ snapshot: blocked })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.diagnostics[0]).toMatchObject({ code: 'schema', pointer: '/items' });
    const none = await post(`${served.url}/v1/evaluate/batch`, { items: [] });
    expect(none.status).toBe(400);
  });
});

describe('the request log', () => {
  it('is one JSON line per request with id, route, status, duration and rules digest, and never the snapshot', async () => {
    const before = served.logLines().length;
    await post(`${served.url}/v1/evaluate`, { snapshot: blocked, now: NOW });
    await post(`${served.url}/v1/evaluate`, {
      snapshot: { ...blocked, pay: { ...blocked.pay, balanceFen: -5 } },
    });
    await post(`${served.url}/v1/evaluate`, `{"snapshot": {"phone": "${PHONE}",}}`);
    const lines = served.logLines().slice(before);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatchObject({
        msg: 'request',
        requestId: expect.any(String),
        method: 'POST',
        route: '/v1/evaluate',
        durationMs: expect.any(Number),
        rulesDigest: digest,
      });
    }
    expect(lines.map((line) => line.status)).toEqual([200, 400, 400]);
    const text = served.logText();
    for (const secret of [PHONE, NAME, 'wxid_http', '138 5555']) expect(text).not.toContain(secret);
  });
});

describe('--log: the decision log', () => {
  it('appends each decision before answering; the answer is the logged decision', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-http-log-'));
    const logged = await start({ log: join(dir, 'decisions.log'), logStream: false });
    try {
      const single = await post(`${logged.url}/v1/evaluate`, { snapshot: blocked, now: NOW });
      const batch = await post(`${logged.url}/v1/evaluate/batch`, {
        items: [{ snapshot: blocked, now: NOW, unbind: 'auth-1' }, { snapshot: {} }],
      });
      expect([single.status, batch.status]).toEqual([200, 200]);
      expect(await verifyLog(join(dir, 'decisions.log'))).toMatchObject({ ok: true, entries: 3 });
      const records = (await readFile(join(dir, 'decisions.log'), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).record);
      expect(records.map((r) => r.kind)).toEqual(['decision', 'decision', 'error']);
      expect(records[0].decisionId).toBe(single.body.decisionId);
      expect(records[0].policies).toEqual(single.body.policies);
      expect(records[1].decisionId).toBe(batch.body.results[0].decisionId);
      expect(records[2].input.source).toMatchObject({ line: 2 });
    } finally {
      await logged.server.close();
    }
  });

  it('fails closed: 503 and no decision when the log cannot be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-http-log-'));
    // The directory exists at start (a missing one is refused then) and is gone by the first append.
    await mkdir(join(dir, 'gone-dir'));
    const failing = await start({ log: join(dir, 'gone-dir', 'decisions.log') });
    await rm(join(dir, 'gone-dir'), { recursive: true });
    try {
      for (const [path, body] of [
        ['/v1/evaluate', { snapshot: blocked, now: NOW }],
        ['/v1/evaluate/batch', { items: [{ snapshot: blocked, now: NOW }] }],
      ] as const) {
        const response = await post(`${failing.url}${path}`, body);
        expect(response.status).toBe(503);
        expect(Object.keys(response.body).sort()).toEqual(['diagnostics', 'error']);
        expect(response.body.diagnostics[0].code).toBe('log-write-failed');
      }
      expect(failing.logLines().some((line) => line.msg === 'decision log unavailable')).toBe(true);
    } finally {
      await failing.server.close();
    }
  });
});

async function snapshotOf(example: string): Promise<unknown> {
  const { parse } = await import('yaml');
  return parse(await readFile(join(repoRoot, example), 'utf8'));
}

describe('timeouts', () => {
  it('answers 408 and closes the connection when a request is not sent in time', async () => {
    const slow = await start({ requestTimeout: 300, logStream: false });
    try {
      const { port } = new URL(slow.url);
      const { connect } = await import('node:net');
      const socket = connect(Number(port), '127.0.0.1');
      socket.write(
        'POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"snap',
      );
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      const started = Date.now();
      await new Promise((resolve) => socket.on('close', resolve));
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await slow.server.close();
    }
  });
});
