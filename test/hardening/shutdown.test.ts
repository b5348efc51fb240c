/**
 * Issue 13 item 5, on the real `account-policy serve` process: after SIGTERM no new decision
 * starts (the queued request is 503 `shutting-down` at once); when the grace ends, the work
 * still in progress stops, nothing it decided is logged, the process is gone within the grace
 * and a second, the final `stopped` line counts what was cut off, and the exit status is 1.
 * Under load, every decision in the log is one some client received.
 */
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../helpers.js';
import { serve, waitFor, type Served } from '../serve-process.js';
import { startPost } from './raw-http.js';

const NOW = '2026-11-25T00:00:00Z';
const item = JSON.stringify({ snapshot: snapshot({ pay: { balanceFen: 100 } }), now: NOW });
const batch = (items: number) => `{"items":[${Array(items).fill(item).join(',')}]}`;

function logLines(served: Served): Array<Record<string, unknown>> {
  return served
    .stderr()
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function decisionsIn(log: string): Promise<number> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.includes('"kind":"decision"')).length;
}

describe('serve --grace', () => {
  it('refuses the queued, cuts off the rest when the grace ends, logs nothing unanswered, exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'serve-grace-'));
    const log = join(dir, 'decisions.ndjson');
    const served = await serve(['--log', log, '--grace', '1', '--batch-concurrency', '1']);
    const holder = startPost(served.url, '/v1/evaluate/batch', batch(2), 20);
    const queued = startPost(served.url, '/v1/evaluate/batch', batch(2));
    await waitFor(() => served.stderr().length > 0);
    await delay(300);

    const signalled = Date.now();
    served.child.kill('SIGTERM');
    const refused = await queued.answer;
    expect(refused?.status).toBe(503);
    expect(refused?.headers['retry-after']).toBe('5');
    expect(JSON.parse(refused?.body ?? '{}')).toMatchObject({
      error: expect.stringMatching(/^shutting down: /),
      diagnostics: [{ code: 'shutting-down' }],
    });
    // The holder never finishes its body: the grace (1 s) ends with it still in progress.
    expect(await served.exited).toEqual({ code: 1, signal: null });
    expect(Date.now() - signalled).toBeLessThan(1_000 + 1_000 + 500);
    expect((await holder.answer)?.status ?? 'cut').toBe('cut');
    expect(await decisionsIn(log)).toBe(0);
    const stopped = logLines(served).at(-1);
    expect(stopped).toMatchObject({
      msg: 'stopped',
      signal: 'SIGTERM',
      drained: false,
      cutOff: 1,
      refusedQueued: 1,
    });
  });

  it('exits 0 with drained: true when nothing is left at work', async () => {
    const served = await serve(['--grace', '5']);
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
    served.child.kill('SIGTERM');
    expect(await served.exited).toEqual({ code: 0, signal: null });
    expect(logLines(served).at(-1)).toMatchObject({ msg: 'stopped', drained: true, cutOff: 0 });
  });

  it('under load, with no grace, every decision in the log was received by a client', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'serve-grace-'));
    const log = join(dir, 'decisions.ndjson');
    const served = await serve(['--log', log, '--grace', '0']);
    let received = 0;
    let answered = 0;
    const client = async () => {
      for (;;) {
        const response = await fetch(`${served.url}/v1/evaluate/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: batch(100),
        }).catch(() => null);
        if (!response) return;
        const body = (await response.json().catch(() => null)) as { evaluated?: number } | null;
        if (response.status === 200 && body?.evaluated !== undefined) received += body.evaluated;
        if (response.status === 200) answered += 1;
        if (response.status === 503) return;
      }
    };
    const clients = Array.from({ length: 6 }, client);
    await waitFor(() => answered >= 3, 20_000);
    served.child.kill('SIGTERM');
    await Promise.all(clients);
    const exit = await served.exited;
    expect([0, 1]).toContain(exit.code);
    expect(received).toBeGreaterThan(0);
    expect(await decisionsIn(log)).toBe(received);
  });
});
