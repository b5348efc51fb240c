/**
 * Issue 13 item 4 on the real server (loopback): admission slots are taken before the body is
 * read and given back when the answer is done or the client goes; a full queue is 503
 * `overloaded` with Retry-After at once, a long wait is 503 too; status endpoints are answered
 * while every slot is held; a request over its time limit stops and logs nothing; concurrent
 * decisions share one commit of the decision log.
 */
import type { FastifyInstance } from 'fastify';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type ServerOptions } from '../../src/server/create-server.js';
import { startPost } from './raw-http.js';

const snapshot = `{"accountId":"wxid_admit","phone":null,"pay":{"enabled":false,"balanceFen":0,"pendingTransactions":0,"pendingRefunds":0,"bankCards":[]},"authorizations":[],"cancellation":null}`;
const evaluateBody = `{"snapshot":${snapshot},"now":"2026-11-24T00:00:00Z"}`;
const batchBody = (items: number) =>
  `{"items":[${Array.from({ length: items }, () => evaluateBody).join(',')}]}`;

let server: FastifyInstance | undefined;
let url = '';
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: ServerOptions): Promise<void> {
  server = await createServer({ logStream: false, ...options });
  url = await server.listen({ port: 0, host: '127.0.0.1' });
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? NaN);
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i += 1) await delay(25);
  expect(await check()).toBe(true);
}

describe('admission control', () => {
  it('holds a slot from the headers on; a full queue is 503 overloaded at once; status answers meanwhile', async () => {
    await start({ batchConcurrency: 1, batchQueue: 1, queueWait: 5_000 });
    const body = batchBody(3);
    const holder = startPost(url, '/v1/evaluate/batch', body, 10);
    await until(async () => (await metric('account_policy_admission_running{pool="batch"}')) === 1);
    const waiter = startPost(url, '/v1/evaluate/batch', body);
    await until(async () => (await metric('account_policy_admission_queued{pool="batch"}')) === 1);

    const shed = await fetch(`${url}/v1/evaluate/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(shed.headers.get('connection')).toBe('close');
    expect(shed.headers.get('x-rules-digest')).toMatch(/^sha256:[0-9a-f]{64}$/);
    const refusal = (await shed.json()) as { error: string; diagnostics: Array<{ code: string }> };
    expect(refusal.error).toBe(
      'overloaded: the server is busy: 1 batch request is already waiting; retry after 1 s',
    );
    expect(refusal.diagnostics.map((d) => d.code)).toEqual(['overloaded']);
    expect(
      await metric('account_policy_admission_shed_total{pool="batch",reason="queue-full"}'),
    ).toBe(1);

    // Every batch slot is held, and evaluate, health and readiness are answered all the same.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const small = await fetch(`${url}/v1/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: evaluateBody,
    });
    expect(small.status).toBe(200);

    holder.finish();
    const [held, waited] = [await holder.answer, await waiter.answer];
    expect(held?.status).toBe(200);
    expect(waited?.status).toBe(200);
    expect((JSON.parse(waited?.body ?? '{}') as { evaluated: number }).evaluated).toBe(3);
  });

  it('a request that waits longer than queueWait for a slot is 503 overloaded', async () => {
    await start({ batchConcurrency: 1, batchQueue: 4, queueWait: 300 });
    const holder = startPost(url, '/v1/evaluate/batch', batchBody(1), 5);
    await until(async () => (await metric('account_policy_admission_running{pool="batch"}')) === 1);
    const waiter = startPost(url, '/v1/evaluate/batch', batchBody(1));
    const answer = await waiter.answer;
    expect(answer?.status).toBe(503);
    expect(answer?.headers['retry-after']).toBe('1');
    expect(JSON.parse(answer?.body ?? '{}')).toMatchObject({
      diagnostics: [{ code: 'overloaded' }],
    });
    expect(
      await metric('account_policy_admission_shed_total{pool="batch",reason="queue-wait"}'),
    ).toBe(1);
    holder.socket.destroy();
  });

  it('a client that goes away gives its slot back', async () => {
    await start({ batchConcurrency: 1, batchQueue: 4 });
    const gone = startPost(url, '/v1/evaluate/batch', batchBody(2), 7);
    await until(async () => (await metric('account_policy_admission_running{pool="batch"}')) === 1);
    gone.socket.destroy();
    const next = startPost(url, '/v1/evaluate/batch', batchBody(2));
    expect((await next.answer)?.status).toBe(200);
  });

  it('over its time limit a request stops with 503 time-limit-exceeded and logs nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'admit-'));
    try {
      const log = join(dir, 'decisions.ndjson');
      await start({ timeLimit: 300, log });
      const slow = startPost(url, '/v1/evaluate', evaluateBody, 20);
      await delay(500);
      slow.finish();
      const answer = await slow.answer;
      expect(answer?.status).toBe(503);
      expect(JSON.parse(answer?.body ?? '{}')).toEqual({
        error:
          "time limit exceeded: the request was not done within the server's time limit of 300 ms, so its work stopped and nothing was logged; retry, or send a smaller batch",
        diagnostics: [
          {
            severity: 'error',
            code: 'time-limit-exceeded',
            message:
              "the request was not done within the server's time limit of 300 ms, so its work stopped and nothing was logged; retry, or send a smaller batch",
          },
        ],
      });
      await expect(readFile(log, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('group commit: decisions waiting on the log are committed together, each logged once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'admit-'));
    try {
      const log = join(dir, 'decisions.ndjson');
      await start({ log, evaluateConcurrency: 32 });
      // Another writer holds the log's lock while twenty requests arrive.
      await mkdir(`${log}.lock`);
      const answers = Array.from({ length: 20 }, () =>
        fetch(`${url}/v1/evaluate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: evaluateBody,
        }),
      );
      await until(
        async () => (await metric('account_policy_admission_running{pool="evaluate"}')) === 20,
      );
      await delay(300);
      await rm(`${log}.lock`, { recursive: true });
      const statuses = await Promise.all(answers.map(async (answer) => (await answer).status));
      expect(statuses).toEqual(Array(20).fill(200));
      // The first request's commit waited for the lock; the other nineteen went in one more.
      expect(await metric('account_policy_log_commit_duration_seconds_count{result="ok"}')).toBe(2);
      expect(await metric('account_policy_log_records_committed_total')).toBe(20);
      const lines = (await readFile(log, 'utf8')).trim().split('\n');
      expect(lines.filter((line) => line.includes('"kind":"decision"'))).toHaveLength(20);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
