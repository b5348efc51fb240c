/**
 * `account-policy serve` as a real process: it logs its bound address, reloads on SIGHUP,
 * and on SIGTERM stops accepting, finishes the requests in flight (their decisions logged),
 * and exits 0. A broken rule set stops it from starting (exit 2, diagnostics on stderr).
 */
import { request } from 'node:http';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../src/index.js';
import { copyRuleSet, runCli, snapshot } from './helpers.js';
import { serve, waitFor } from './serve-process.js';

const NOW = '2026-11-25T00:00:00Z';

/** A POST whose body is sent in two halves: the request is in flight until `finish()`. */
function slowPost(url: string, body: string) {
  const { hostname, port } = new URL(url);
  const req = request({
    hostname,
    port,
    path: '/v1/evaluate',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 10));
  return { response, finish: () => req.end(body.slice(10)) };
}

/** Whether a new request to the server fails to connect before the deadline. */
async function refusedWithin(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/healthz`, { headers: { connection: 'close' } });
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('account-policy serve', () => {
  it('on SIGTERM finishes the requests in flight, logs their decisions, refuses new connections and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-serve-'));
    const log = join(dir, 'decisions.log');
    const served = await serve(['--log', log]);
    const body = JSON.stringify({ snapshot: snapshot({ pay: { balanceFen: 100 } }), now: NOW });
    const inFlight = [slowPost(served.url, body), slowPost(served.url, body)];
    // Both have reached the server (headers and half a body) before it answers a later request.
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));

    served.child.kill('SIGTERM');
    await waitFor(() => served.stderr().includes('shutting down'));
    // New connections are refused (a request on a connection still open may first get a 503).
    await expect(refusedWithin(served.url, 5_000)).resolves.toBe(true);
    for (const request of inFlight) request.finish();
    const answers = await Promise.all(inFlight.map((request) => request.response));

    expect(await served.exited).toEqual({ code: 0, signal: null });
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({
        decisionId: expect.any(String),
        policies: { cancel: { outcome: 'fail' } },
      });
    }
    expect(await verifyLog(log)).toMatchObject({ ok: true, entries: 2 });
    const lines = served
      .stderr()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; status?: number });
    expect(lines.filter((line) => line.msg === 'request' && line.status === 200)).toHaveLength(3);
    expect(lines.at(-1)?.msg).toBe('stopped');
  });

  it('reloads on SIGHUP, and keeps the old rules when the new ones are broken', async () => {
    const rules = await copyRuleSet();
    const served = await serve(['--rules', rules]);
    try {
      const digest = async () =>
        ((await (await fetch(`${served.url}/readyz`)).json()) as { rules: { digest: string } })
          .rules.digest;
      const before = await digest();
      const file = join(rules, 'parameters.yaml');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace('phoneReleaseDays: 30', 'phoneReleaseDays: 31'),
      );
      served.child.kill('SIGHUP');
      await waitFor(() => served.stderr().includes('"rules reloaded"'));
      const after = await digest();
      expect(after).not.toBe(before);

      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace('phoneReleaseDays: 31', 'phoneReleaseDays: -1'),
      );
      served.child.kill('SIGHUP');
      await waitFor(() => served.stderr().includes('rules reload refused'));
      expect(await digest()).toBe(after);
    } finally {
      served.child.kill('SIGTERM');
      expect((await served.exited).code).toBe(0);
    }
  });

  it('does not start with a broken rule set: exit 2 and the diagnostics', async () => {
    const rules = await copyRuleSet({
      edits: [
        { file: 'parameters.yaml', find: 'coolingOffDays: 15', replace: 'coolingOffDays: "15"' },
      ],
    });
    const result = await runCli(['serve', '--port', '0', '--rules', rules]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('parameters.yaml');
    expect(result.stdout).toBe('');
  });

  it('refuses a bad port as usage (exit 2)', async () => {
    const result = await runCli(['serve', '--port', '70000']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('port');
  });
});
