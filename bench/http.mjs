// `npm run bench:http`: the HTTP service under load on loopback. Starts the real CLI
// (`account-policy serve --port 0`, request log on), drives it with autocannon for a bounded
// time per scenario, reports requests/s and p50/p99 latency, and writes them into the
// "## HTTP" section of docs/performance.md (the rest of that file is left as it is).
// BENCH_SECONDS (default 10) sets the duration of each scenario.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startServer } from './start-server.mjs';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('../', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const NOW = '2026-11-24T00:00:00Z';

const corpus = (await readFile(`${root}examples/corpus.ndjson`, 'utf8'))
  .trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line));
const scenarios = [
  {
    name: 'POST /v1/evaluate, one snapshot',
    connections: 10,
    body: { snapshot: corpus[0], now: NOW },
    items: 1,
  },
  {
    name: 'POST /v1/evaluate/batch, 100 snapshots',
    connections: 4,
    body: { items: corpus.slice(0, 100).map((snapshot) => ({ snapshot, now: NOW })) },
    items: 100,
  },
];

const server = await startServer();
const rows = [];
try {
  for (const scenario of scenarios) {
    const result = await autocannon({
      url: `${server.url}${scenario.items === 1 ? '/v1/evaluate' : '/v1/evaluate/batch'}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(scenario.body),
      connections: scenario.connections,
      duration: seconds,
    });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(
        `${scenario.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`,
      );
    const row = {
      name: scenario.name,
      connections: scenario.connections,
      requestsPerSecond: Math.round(result.requests.average),
      snapshotsPerSecond: Math.round(result.requests.average * scenario.items),
      p50: result.latency.p50,
      p99: result.latency.p99,
      total: result.requests.total,
    };
    rows.push(row);
    console.log(
      `${row.name}: ${row.requestsPerSecond} requests/s (${row.snapshotsPerSecond} snapshots/s), p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.total} requests in ${seconds} s`,
    );
  }
} finally {
  server.child.kill('SIGTERM');
  const code = await server.exited;
  if (code !== 0) console.error(`the server exited with ${code} after SIGTERM`);
}
await writeSection(rows);

async function writeSection(results) {
  const file = `${root}docs/performance.md`;
  const text = await readFile(file, 'utf8');
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const section = [
    '## HTTP',
    '',
    `\`npm run bench:http\` (bench/http.mjs): \`account-policy serve\` on 127.0.0.1 with its request log on, driven by`,
    `autocannon from the same machine for ${seconds} s per row; ${cpus().length} cores (${cpu}), Node ${process.versions.node},`,
    `${new Date().toISOString().slice(0, 10)}. Snapshots from \`examples/corpus.ndjson\`; no \`--log\` (each decision-log append`,
    'adds an fsync: see docs/decision-log.md).',
    '',
    '| request | connections | requests/s | snapshots/s | p50 | p99 |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${r.requestsPerSecond.toLocaleString('en-US')} | ${r.snapshotsPerSecond.toLocaleString('en-US')} | ${ms(r.p50)} | ${ms(r.p99)} |`,
    ),
    '',
    'The server is one Node process on one core (evaluation is CPU-bound); autocannon takes the other.',
    'A batch spreads the HTTP and JSON overhead over its snapshots. One of 1000 (the limit) takes about ten',
    'times as long as one of 100, but is decided in slices of 50 items with a turn of the event loop between',
    'them, so other requests are not stuck behind it.',
    '',
  ].join('\n');
  const start = text.indexOf('\n## HTTP\n');
  let next;
  if (start >= 0) {
    const after = text.indexOf('\n## ', start + 1);
    next = `${text.slice(0, start + 1)}${section}${after >= 0 ? text.slice(after + 1) : ''}`;
  } else {
    next = `${text.trimEnd()}\n\n${section}`;
  }
  await writeFile(file, next);
  console.log(`wrote the HTTP section of docs/performance.md`);
}

/** autocannon measures whole milliseconds. */
function ms(value) {
  return value < 1 ? '< 1 ms' : `${value} ms`;
}
