/**
 * Issue 13 item 7, the HTTP edges, on the real server over loopback with raw sockets: every
 * refusal Node or fastify makes before routing (a wrong or doubled Content-Length, a malformed
 * request line, headers too large, a request not sent in time, a path that is not valid
 * percent-encoding) has the documented error shape and `x-rules-digest`; a client that
 * half-closes after its request still gets the whole answer; and every request — answered,
 * refused, aborted mid-body, or left before its answer — is exactly one line of the log.
 */
import type { FastifyInstance } from 'fastify';
import { maxHeaderSize } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type ServerOptions } from '../../src/server/create-server.js';
import { httpAjv, httpSchemaId } from '../../src/server/http-schemas.js';

type Line = Record<string, unknown>;
interface Served {
  server: FastifyInstance;
  port: number;
  digest: string;
  /** The log lines written since the last call. */
  take: () => Line[];
}

const running: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(options: ServerOptions = {}, setUp?: (server: FastifyInstance) => void) {
  let text = '';
  const server = await createServer({ ...options, logStream: { write: (l) => (text += l) } });
  setUp?.(server);
  running.push(server);
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  const rules = (await (await fetch(`${url}/v1/rules`)).json()) as { rules: { digest: string } };
  const take = () => {
    const lines = text.trimEnd().split('\n').filter(Boolean);
    text = '';
    return lines.map((line) => JSON.parse(line) as Line);
  };
  take();
  return { server, port: Number(new URL(url).port), digest: rules.rules.digest, take } as Served;
}

interface Exchange {
  /** How the client leaves: FIN after sending, RST after `ms`, or not at all (the server closes). */
  end?: 'after-send' | { resetAfterMs: number } | { resetWhen: Promise<unknown> };
}

/** Writes `data` on a fresh connection and returns all that came back once it closes (≤ 5 s). */
async function exchange(port: number, data: string, how: Exchange = {}): Promise<Buffer> {
  const socket: Socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(data);
  const end = how.end;
  if (end === 'after-send') socket.end();
  else if (end && 'resetAfterMs' in end)
    setTimeout(() => socket.resetAndDestroy(), end.resetAfterMs);
  else if (end) void end.resetWhen.then(() => socket.resetAndDestroy());
  const timer = setTimeout(() => socket.destroy(new Error('no close within 5 s')), 5_000);
  await closed;
  clearTimeout(timer);
  return Buffer.concat(chunks);
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** One HTTP/1.1 answer with a Content-Length, checked to be exactly that long. */
function parse(raw: Buffer): Answer {
  const split = raw.indexOf('\r\n\r\n');
  expect(split, raw.toString('latin1').slice(0, 200)).toBeGreaterThan(0);
  const [statusLine = '', ...fields] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const field of fields) {
    const colon = field.indexOf(':');
    headers[field.slice(0, colon).toLowerCase()] = field.slice(colon + 1).trim();
  }
  const body = raw.subarray(split + 4);
  expect(body.length).toBe(Number(headers['content-length']));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body.toString()) };
}

/** The lines the server logs for what just happened: waits for `count`, then a little more. */
async function linesAfter(served: Served, count: number): Promise<Line[]> {
  const lines: Line[] = [];
  for (let waited = 0; lines.length < count && waited < 2_000; waited += 20) {
    lines.push(...served.take());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  return [...lines, ...served.take()];
}

const validError = httpAjv().getSchema(httpSchemaId('http-error'))!;

const item = (id: string) =>
  `{"snapshot":{"accountId":"${id}","phone":null,"pay":{"enabled":false,"balanceFen":0,"pendingTransactions":0,"pendingRefunds":0,"bankCards":[]},"authorizations":[],"cancellation":null},"now":"2026-11-24T00:00:00Z","lang":"en"}`;

function post(path: string, body: string, length: string | number = Buffer.byteLength(body)) {
  return `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${body}`;
}

interface Refusal {
  what: string;
  data: string;
  status: number;
  code: string;
  cause: string;
  message: string;
  /** Was fastify reading the request when Node refused it (then the line has its id)? */
  inFlight: boolean;
}

const refusals: Refusal[] = [
  {
    what: 'a Content-Length larger than the body, then FIN',
    data: post('/v1/evaluate', '{"snap', 100),
    status: 400,
    code: 'bad-request',
    cause: 'HPE_INVALID_EOF_STATE',
    message:
      'the connection was closed before the whole request was sent (a Content-Length larger than the body?) (HPE_INVALID_EOF_STATE)',
    inFlight: true,
  },
  {
    what: 'a Content-Length that is not a number',
    data: post('/v1/evaluate', '{}', '2x'),
    status: 400,
    code: 'bad-request',
    cause: 'HPE_INVALID_CONTENT_LENGTH',
    message:
      'the Content-Length header is not a single decimal number (HPE_INVALID_CONTENT_LENGTH)',
    inFlight: false,
  },
  {
    what: 'both Content-Length and Transfer-Encoding',
    data: 'POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    status: 400,
    code: 'bad-request',
    cause: 'HPE_INVALID_TRANSFER_ENCODING',
    message:
      'the Transfer-Encoding header is invalid, or sent together with Content-Length (HPE_INVALID_TRANSFER_ENCODING)',
    inFlight: false,
  },
  {
    what: 'a malformed request line',
    data: 'GARBAGE\r\n\r\n',
    status: 400,
    code: 'bad-request',
    cause: 'HPE_INVALID_METHOD',
    message: 'the request is not valid HTTP/1.1 (HPE_INVALID_METHOD)',
    inFlight: false,
  },
  {
    what: 'headers over the limit',
    data: `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(maxHeaderSize)}\r\n\r\n`,
    status: 431,
    code: 'headers-too-large',
    cause: 'HPE_HEADER_OVERFLOW',
    message: `the request line and headers are larger than the server accepts (${maxHeaderSize} bytes)`,
    inFlight: false,
  },
];
const REASON: Record<number, string> = { 400: 'invalid input', 431: 'headers too large' };

describe("refusals before routing: Node's and fastify's, in the documented shape", () => {
  it.each(refusals)('$what', async ({ data, status, code, cause, message, inFlight }) => {
    const served = await start();
    const how: Exchange = inFlight ? { end: 'after-send' } : {};
    const answer = parse(await exchange(served.port, data, how));
    expect(answer.status).toBe(status);
    expect(answer.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-rules-digest': served.digest,
      connection: 'close',
    });
    const diagnostics = [{ severity: 'error', code, message }];
    expect(answer.body).toEqual({ error: `${REASON[status]}: ${message}`, diagnostics });
    expect(validError(answer.body), JSON.stringify(validError.errors)).toBe(true);
    const [line, ...more] = await linesAfter(served, 1);
    expect(more).toEqual([]);
    // The request id, where fastify had begun the request, is in the answer and the line.
    const requestId = answer.headers['x-request-id'] ?? null;
    expect(requestId === null).toBe(!inFlight);
    const where = inFlight
      ? { requestId, method: 'POST', route: '/v1/evaluate' }
      : { requestId, method: null, route: null };
    expect(line).toMatchObject({
      ...where,
      status,
      code,
      cause,
      rulesDigest: served.digest,
      msg: 'request',
    });
  });

  it.each([
    ['the headers are', 'GET /healthz HTTP/1.1\r\nHost: x\r\n', false],
    ['the body is', post('/v1/evaluate', '{"snap', 100), true],
  ])('408 when %s not sent in time, and one line', async (_what, data, inFlight) => {
    const served = await start({ requestTimeout: 300 });
    const started = Date.now();
    const answer = parse(await exchange(served.port, data));
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(answer.status).toBe(408);
    expect(answer.headers).toMatchObject({ 'x-rules-digest': served.digest, connection: 'close' });
    const message = 'the request was not sent completely in time; the connection is closed';
    const diagnostics = [{ severity: 'error', code: 'request-timeout', message }];
    expect(answer.body).toEqual({ error: `request timeout: ${message}`, diagnostics });
    const lines = await linesAfter(served, 1);
    expect(lines).toHaveLength(1);
    const requestId = answer.headers['x-request-id'] ?? null;
    expect(requestId === null).toBe(!inFlight);
    expect(lines[0]).toMatchObject({
      requestId,
      route: inFlight ? '/v1/evaluate' : null,
      status: 408,
      code: 'request-timeout',
      cause: 'ERR_HTTP_REQUEST_TIMEOUT',
    });
  });

  it("400 for a path that is not valid percent-encoding (fastify's router), with our headers", async () => {
    const served = await start();
    const raw = await exchange(
      served.port,
      'GET /v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    const answer = parse(raw);
    expect(answer.status).toBe(400);
    expect(answer.headers['x-rules-digest']).toBe(served.digest);
    const requestId = answer.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body).toMatchObject({ diagnostics: [{ code: 'bad-request' }] });
    expect(validError(answer.body)).toBe(true);
    const lines = await linesAfter(served, 1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId, method: 'GET', route: null, status: 400 });
  });

  it('the new codes are in the published OpenAPI document', async () => {
    const served = await start();
    const text = await (await fetch(`http://127.0.0.1:${served.port}/openapi.json`)).text();
    for (const code of ['headers-too-large', 'request-timeout'])
      expect(text).toContain(`"${code}"`);
  });
});

describe('a client that half-closes after its request', () => {
  const batch = `{"items":[${Array.from({ length: 600 }, (_, i) => item(`wxid_${i}`)).join(',')}]}`;
  it.each([
    ['/v1/evaluate', item('wxid_half')],
    ['/v1/evaluate/batch', batch],
  ])('%s: still gets the whole answer, as a client that waits does', async (path, body) => {
    const served = await start();
    const url = `http://127.0.0.1:${served.port}${path}`;
    const headers = { 'content-type': 'application/json' };
    const waited = await fetch(url, { method: 'POST', headers, body });
    expect(waited.status).toBe(200);
    const expected: unknown = await waited.json();
    const answer = parse(await exchange(served.port, post(path, body), { end: 'after-send' }));
    expect(answer.status).toBe(200);
    expect(answer.headers['x-rules-digest']).toBe(served.digest);
    expect(answer.body).toEqual(expected);
    const lines = await linesAfter(served, 2);
    expect(lines.map((line) => [line.route, line.status])).toEqual([
      [path, 200],
      [path, 200],
    ]);
  });
});

describe('every request is exactly one line of the log', () => {
  /** A request with `x-hold: yes` waits in preHandler until `release`; `arrived` says it is there. */
  let arrived!: () => void;
  let release!: () => void;
  const hold = (server: FastifyInstance) =>
    server.addHook('preHandler', async (request) => {
      if (request.headers['x-hold'] !== 'yes') return;
      arrived();
      await new Promise<void>((resolve) => (release = resolve));
    });

  async function answered(served: Served, path: string, init: RequestInit, expected: Line) {
    const response = await fetch(`http://127.0.0.1:${served.port}${path}`, init);
    await response.arrayBuffer();
    expect(response.status).toBe(expected.status);
    const lines = await linesAfter(served, 1);
    expect(lines).toHaveLength(1);
    const requestId = response.headers.get('x-request-id');
    expect(lines[0]).toMatchObject({ requestId, rulesDigest: served.digest, ...expected });
  }

  it('answered: 200, 400 (bad JSON), 404, 415, 413', async () => {
    const served = await start({ bodyLimit: 2048 });
    const json = (body: string): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const evaluate = { method: 'POST', route: '/v1/evaluate', msg: 'request' };
    await answered(served, '/v1/evaluate', json(item('wxid_ok')), { ...evaluate, status: 200 });
    await answered(served, '/v1/evaluate', json('{"snapshot": {,}}'), { ...evaluate, status: 400 });
    await answered(served, '/nowhere', {}, { method: 'GET', route: null, status: 404 });
    const text = { ...json(item('wxid_text')), headers: { 'content-type': 'text/plain' } };
    await answered(served, '/v1/evaluate', text, { ...evaluate, status: 415 });
    const big = json(`{"snapshot": "${'x'.repeat(4096)}"}`);
    await answered(served, '/v1/evaluate', big, { ...evaluate, status: 413 });
  });

  it('refused by Node before routing (431): one line of its own, without a request id', async () => {
    const served = await start();
    const big = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(maxHeaderSize)}\r\n\r\n`;
    expect(parse(await exchange(served.port, big)).status).toBe(431);
    const lines = await linesAfter(served, 1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId: null, route: null, status: 431 });
  });

  it('a client that resets the connection mid-body: one line, status 499', async () => {
    const served = await start();
    const data = post('/v1/evaluate', item('wxid_abort').slice(0, 40), 400);
    expect(await exchange(served.port, data, { end: { resetAfterMs: 100 } })).toHaveLength(0);
    const lines = await linesAfter(served, 1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      requestId: expect.any(String),
      method: 'POST',
      route: '/v1/evaluate',
      status: 499,
      clientGone: true,
      rulesDigest: served.digest,
    });
  });

  it('a client that goes away before its answer: one line, status 499, none when it is done', async () => {
    const served = await start({}, hold);
    const there = new Promise<void>((resolve) => (arrived = resolve));
    const data = post('/v1/evaluate', item('wxid_gone')).replace(
      'Host: x',
      'Host: x\r\nX-Hold: yes',
    );
    expect(await exchange(served.port, data, { end: { resetWhen: there } })).toHaveLength(0);
    const lines = await linesAfter(served, 1);
    release();
    lines.push(...(await linesAfter(served, 0)));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ route: '/v1/evaluate', status: 499, clientGone: true });
  });
});
