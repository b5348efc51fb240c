/**
 * Issue 13 item 10, the behaviour under load (timings are in bench/http-load.mjs): sixteen
 * concurrent 1000-item batches against the real `account-policy serve --log`, while /healthz
 * and small evaluates are sent. Every batch is answered 200 or 503 `overloaded` with
 * Retry-After; health and small evaluates are all answered 200; the log holds exactly the
 * decisions that were answered; memory stays under the bound docs/http.md states. Loopback
 * only, one round of sixteen, bounded waits.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { serve } from '../serve-process.js';

const NOW = '2026-11-24T00:00:00Z';

describe('serve under sixteen concurrent 1000-item batches', () => {
  it('sheds what it cannot take, answers health and small evaluates, logs what it answered', async () => {
    const corpus = (await readFile(join(repoRoot, 'examples/corpus.ndjson'), 'utf8'))
      .trimEnd()
      .split('\n');
    const items = corpus
      .slice(0, 1000)
      .map((snapshot) => `{"snapshot":${snapshot},"now":"${NOW}"}`);
    const batchBody = `{"items":[${items.join(',')}]}`;
    const smallBody = items[0] ?? '';
    const dir = await mkdtemp(join(tmpdir(), 'serve-load-'));
    const log = join(dir, 'decisions.ndjson');
    const served = await serve(['--log', log]);
    const post = (path: string, body: string) =>
      fetch(`${served.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    try {
      let loading = true;
      const batches = Promise.all(
        Array.from({ length: 16 }, async () => {
          const response = await post('/v1/evaluate/batch', batchBody);
          const body = (await response.json()) as {
            evaluated?: number;
            diagnostics?: Array<{ code: string }>;
          };
          return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
        }),
      ).finally(() => (loading = false));
      const side: Array<{ path: string; status: number }> = [];
      let peakRss = 0;
      while (loading && side.length < 400) {
        const [health, small, metrics] = await Promise.all([
          fetch(`${served.url}/healthz`),
          post('/v1/evaluate', smallBody),
          fetch(`${served.url}/metrics`),
        ]);
        side.push({ path: '/healthz', status: health.status });
        side.push({ path: '/v1/evaluate', status: small.status });
        await small.arrayBuffer();
        const rss = /^process_resident_memory_bytes (\d+)/m.exec(await metrics.text())?.[1];
        peakRss = Math.max(peakRss, Number(rss));
        await delay(20);
      }
      const answers = await batches;
      for (const answer of answers) {
        if (answer.status === 200) expect(answer.body.evaluated).toBe(1000);
        else {
          expect(answer.status).toBe(503);
          expect(answer.retryAfter).toBe('1');
          expect(answer.body.diagnostics?.map((d) => d.code)).toEqual(['overloaded']);
        }
      }
      const admitted = answers.filter((answer) => answer.status === 200).length;
      // Two at work and eight queued (ten, when all sixteen arrive at once): the rest are shed.
      expect(admitted).toBeGreaterThanOrEqual(2);
      expect(admitted).toBeLessThan(16);
      expect(side.length).toBeGreaterThan(0);
      expect(side.filter((answer) => answer.status !== 200)).toEqual([]);
      expect(peakRss).toBeGreaterThan(0);
      expect(peakRss).toBeLessThan(1024 * 2 ** 20);
      const logged = (await readFile(log, 'utf8'))
        .split('\n')
        .filter((line) => line.includes('"kind":"decision"')).length;
      expect(logged).toBe(admitted * 1000 + side.length / 2);
    } finally {
      served.child.kill('SIGTERM');
      expect((await served.exited).code).toBe(0);
    }
  });
});
