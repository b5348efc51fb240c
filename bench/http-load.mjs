// `npm run bench:load`: issue 13's load scenario on loopback, against the real CLI
// (`account-policy serve --port 0 --log <tmp>`). Sixteen clients each send 1000-item batches back
// to back for BENCH_SECONDS (default 10) while one client polls /healthz and another sends small
// evaluates, each every 20 ms. Prints latency percentiles of /healthz and of the small
// evaluates, how the batches were answered (200, 503 overloaded), the server's peak RSS (from
// /metrics) and how long a SIGTERM under that load took to end the process. Bounded in time and
// count, loopback only; the figures go into docs/http.md and docs/security.md by hand.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startServer } from './start-server.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const NOW = '2026-11-24T00:00:00Z';
const corpus = (await readFile(`${root}examples/corpus.ndjson`, 'utf8')).trimEnd().split('\n');
const batchBody = `{"items":[${corpus
  .slice(0, 1000)
  .map((snapshot) => `{"snapshot":${snapshot},"now":"${NOW}"}`)
  .join(',')}]}`;
const smallBody = `{"snapshot":${corpus[0]},"now":"${NOW}"}`;

const dir = await mkdtemp(join(tmpdir(), 'bench-load-'));
const server = await startServer(['--log', join(dir, 'decisions.ndjson'), '--grace', '10']);
const until = Date.now() + seconds * 1000;
const batches = { 200: 0, 503: 0, other: 0 };
const health = [];
const evaluates = [];
let peakRss = 0;

const post = (path, body) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
async function batchClient() {
  while (Date.now() < until) {
    const response = await post('/v1/evaluate/batch', batchBody).catch(() => null);
    await response?.arrayBuffer();
    const status = response?.status;
    if (status === 200 || status === 503) batches[status] += 1;
    else batches.other += 1;
    if (status === 503) await delay(Number(response.headers.get('retry-after') ?? 1) * 100);
  }
}
async function timed(into, send) {
  while (Date.now() < until) {
    const started = performance.now();
    const response = await send();
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`answered ${response.status}`);
    into.push(performance.now() - started);
    await delay(20);
  }
}
async function sampleRss() {
  while (Date.now() < until) {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const rss = Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? 0);
    peakRss = Math.max(peakRss, rss);
    await delay(200);
  }
}

await Promise.all([
  ...Array.from({ length: 16 }, batchClient),
  timed(health, () => fetch(`${server.url}/healthz`)),
  timed(evaluates, () => post('/v1/evaluate', smallBody)),
  sampleRss(),
]);

// SIGTERM while sixteen batches are at work.
const load = Array.from({ length: 16 }, () =>
  post('/v1/evaluate/batch', batchBody).catch(() => null),
);
await delay(300);
const signalled = performance.now();
server.child.kill('SIGTERM');
const code = await server.exited;
const shutdownMs = Math.round(performance.now() - signalled);
await Promise.all(load);
await rm(dir, { recursive: true, force: true });

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(`${cpus().length} cores (${cpu}), Node ${process.versions.node}, ${seconds} s`);
console.log(`/healthz          ${summary(health)}`);
console.log(`small evaluates   ${summary(evaluates)}`);
console.log(
  `1000-item batches ${batches[200]} answered 200, ${batches[503]} 503, ${batches.other} other`,
);
console.log(`peak RSS          ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
console.log(`SIGTERM under load: exit ${code} after ${shutdownMs} ms`);

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  return `n=${sorted.length} p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${sorted.at(-1).toFixed(1)} ms`;
}
