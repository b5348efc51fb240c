/**
 * What the red team broke in issue 13's server work, kept broken-proof on the real server
 * (loopback): pipelined requests whose connection dies give their slots back and are each logged
 * once; another writer holding the decision log's lock cannot keep a request past its time
 * limit; bad bytes after a whole request do not take that request's answer away.
 */
import type { FastifyInstance } from 'fastify';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type ServerOptions } from '../../src/server/create-server.js';
import { repoRoot, runCli } from '../helpers.js';

const snapshot = `{"accountId":"wxid_red","phone":null,"pay":{"enabled":false,"balanceFen":0,"pendingTransactions":0,"pendingRefunds":0,"bankCards":[]},"authorizations":[],"cancellation":null}`;
const evaluateBody = `{"snapshot":${snapshot},"now":"2026-11-24T00:00:00Z"}`;
const raw = (path: string, body: string) =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

let server: FastifyInstance | undefined;
let url = '';
let lines: Array<Record<string, unknown>> = [];
let dir = '';
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(options: ServerOptions): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'red-'));
  lines = [];
  const log = join(dir, 'decisions.ndjson');
  server = await createServer({
    log,
    logStream: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    ...options,
  });
  url = await server.listen({ port: 0, host: '127.0.0.1' });
  return log;
}

const decisionsIn = async (log: string) =>
  (await readFile(log, 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line.includes('"kind":"decision"')).length;

const post = (body: string) =>
  fetch(`${url}/v1/evaluate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('issue 13 red-team findings', () => {
  it('pipelined requests behind a batch give their slots back when the connection dies', async () => {
    await start({ evaluateConcurrency: 8, evaluateQueue: 0 });
    const corpus = (await readFile(join(repoRoot, 'examples/corpus.ndjson'), 'utf8')).split('\n');
    const items = corpus
      .slice(0, 1000)
      .map((line) => `{"snapshot":${line},"now":"2026-11-24T00:00:00Z"}`);
    const socket = connect(Number(new URL(url).port), '127.0.0.1').on('error', () => undefined);
    await new Promise((resolve) => socket.on('connect', resolve));
    // A batch that takes a while, and eight evaluates pipelined behind it on the same connection.
    socket.write(
      raw('/v1/evaluate/batch', `{"items":[${items.join(',')}]}`) +
        raw('/v1/evaluate', evaluateBody).repeat(8),
    );
    await delay(100);
    socket.resetAndDestroy();
    await delay(300);
    // Every evaluate slot is free again: an honest evaluate is admitted and answered.
    expect((await post(evaluateBody)).status).toBe(200);
    await delay(100);
    const requests = lines.filter((line) => line.msg === 'request');
    const evaluates = requests.filter((line) => line.route === '/v1/evaluate');
    // The eight and the honest one, each logged exactly once; only the honest one answered.
    expect(evaluates).toHaveLength(9);
    expect(new Set(requests.map((line) => line.requestId)).size).toBe(requests.length);
    expect(evaluates.filter((line) => line.status === 200)).toHaveLength(1);
    expect(requests.filter((line) => line.route === '/v1/evaluate/batch')).toEqual([
      expect.objectContaining({ status: 499, clientGone: true }),
    ]);
  });

  it('a log lock held by another writer ends in 503 near the time limit, not when the writer is done', async () => {
    const log = await start({ timeLimit: 600 });
    await mkdir(`${log}.lock`);
    const started = Date.now();
    const answer = await post(evaluateBody);
    const waited = Date.now() - started;
    expect(answer.status).toBe(503);
    expect(
      ((await answer.json()) as { diagnostics: Array<{ code: string }> }).diagnostics[0]?.code,
    ).toBe('log-write-failed');
    expect(waited).toBeLessThan(5_000);
    await rm(`${log}.lock`, { recursive: true });
    expect(await decisionsIn(log)).toBe(0);
  });

  it('bad bytes after a whole request: that request is answered 200, then the connection closes', async () => {
    const log = await start({});
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    await new Promise((resolve) => socket.on('connect', resolve));
    socket.write(raw('/v1/evaluate', evaluateBody) + 'this is not HTTP\r\n\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(received.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(await decisionsIn(log)).toBe(1);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.map((line) => [line.route, line.status])).toEqual(
      expect.arrayContaining([
        ['/v1/evaluate', 200],
        [null, 400],
      ]),
    );
    expect(requests).toHaveLength(2);
  });

  it('refuses at start a --log whose directory is missing, and an empty --host (exit 2)', async () => {
    const log = await runCli([
      'serve',
      '--port',
      '0',
      '--log',
      '/nonexistent-dir/decisions.ndjson',
    ]);
    expect(log).toMatchObject({ status: 2, stdout: '' });
    expect(log.stderr).toBe(
      'account-policy: /nonexistent-dir/decisions.ndjson: write-failed: cannot keep the decision log /nonexistent-dir/decisions.ndjson: its directory /nonexistent-dir does not exist\n',
    );
    const host = await runCli(['serve', '--port', '0', '--host', '']);
    expect(host.status).toBe(2);
    expect(host.stderr).toContain("option '--host <address>' argument '' is invalid");
  });
});
