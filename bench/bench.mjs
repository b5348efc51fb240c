// npm run bench [-- --count 100000] [--batch-lines 1000000 | --skip-batch] [--quick] [--write-docs]
//
// Side by side, in one process, on the same generated snapshots (fixed seed) and the shipped
// rules: account-policy's evaluate (compiled and reference engines), raw json-rules-engine
// (default options, one reused Engine, the rule files' own conditions), json-logic-js (the same
// conditions translated), and a hand-written function (the floor). Every evaluator must name
// the same failing rules for every snapshot, or the bench fails. Then `batch` end to end.
//
// Timing comes from tinybench (see `measure` below). `--quick` (or BENCH_QUICK=1) is a short
// smoke run: 10,000 snapshots and 100,000 batch lines unless --count / --batch-lines say otherwise.
//
// Only the package's public entry point is imported (dist/index.js), never deep dist paths.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonLogic from 'json-logic-js';
import { Engine } from 'json-rules-engine';
import { Bench } from 'tinybench';
import * as library from '../dist/index.js';
import { handWritten } from './hand-written.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const QUICK = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const COUNT = Number(option('--count', QUICK ? '10000' : '100000'));
const BATCH_LINES = Number(option('--batch-lines', QUICK ? '100000' : '1000000'));
const NOW = '2026-11-24T00:00:00Z';
const work = mkdtempSync(join(tmpdir(), 'account-policy-bench-'));

// ---- the snapshots ----
const corpus = join(work, 'snapshots.ndjson');
spawnSync(
  process.execPath,
  [join(root, 'scripts/generate-corpus.mjs'), corpus, '--count', String(COUNT)],
  { stdio: 'ignore' },
);
const snapshots = readFileSync(corpus, 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line));

// ---- the evaluators: (snapshot) => failing rule ids per policy, e.g. { cancel: [...], ... } ----
const policy = await library.loadPolicy();
const { ruleSet } = policy;
const policies = ruleSet.policies.filter((p) => !p.requiresTarget);
const nowMs = Date.parse(NOW);

// json-rules-engine and json-logic-js need the derived facts. Until 2026-11-24 the bench derived
// them inside the timed call with deriveFacts and lifecycleAt from deep dist paths; dist/index.js
// does not export them, so unless it does, the facts come from the public Policy.decide (its
// decision carries them), computed once per snapshot before any timing — and the two rows then
// time the engines alone, without deriving the facts.
const FACTS_TIMED =
  typeof library.deriveFacts === 'function' && typeof library.lifecycleAt === 'function';
const precomputedFacts = new Map();
if (!FACTS_TIMED)
  for (const snapshot of snapshots) {
    const decided = await policy.decide({ snapshot }, { now: NOW });
    if (!decided.ok) throw new Error(`${snapshot.accountId}: not decided`);
    precomputedFacts.set(snapshot, decided.decision.facts);
  }
function factsOf(snapshot) {
  if (!FACTS_TIMED) return precomputedFacts.get(snapshot);
  const lifecycle = library.lifecycleAt(snapshot.cancellation, nowMs, ruleSet.parameters);
  return library.deriveFacts({
    snapshot,
    parameters: ruleSet.parameters,
    nowMs,
    lifecycle,
    target: undefined,
  });
}
const factsNote = FACTS_TIMED ? '' : '; facts precomputed';

const failingOf = (result) =>
  Object.fromEntries(
    Object.entries(result.policies).map(([name, r]) => [name, r.reasons.map((x) => x.rule)]),
  );

const topLevel = (c) => ('all' in c || 'any' in c || 'not' in c ? c : { all: [c] });
const rawEngine = new Engine(); // default options: jsonpath-plus paths, stock operators
for (const p of policies)
  for (const rule of p.rules)
    rawEngine.addRule({
      name: rule.id,
      conditions: topLevel(rule.holdsWhen),
      event: { type: rule.id },
    });
const policyOf = new Map(policies.flatMap((p) => p.rules.map((r) => [r.id, p.name])));
const emptyFailing = () => Object.fromEntries(policies.map((p) => [p.name, []]));

function toJsonLogic(c) {
  if ('all' in c) return { and: c.all.map(toJsonLogic) };
  if ('any' in c) return { or: c.any.map(toJsonLogic) };
  if ('not' in c) return { '!': toJsonLogic(c.not) };
  const left = { var: `${c.fact}.${c.path.slice(2)}` };
  const right =
    c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value)
      ? { var: `${c.value.fact}.${c.value.path.slice(2)}` }
      : c.value;
  const op = {
    equal: '===',
    notEqual: '!==',
    lessThan: '<',
    lessThanInclusive: '<=',
    greaterThan: '>',
    greaterThanInclusive: '>=',
  }[c.operator];
  if (op) return { [op]: [left, right] };
  if (c.operator === 'in') return { in: [left, right] };
  if (c.operator === 'notIn') return { '!': { in: [left, right] } };
  throw new Error(`no json-logic form for ${c.operator}`);
}
const logicRules = policies.flatMap((p) =>
  p.rules.map((r) => ({ policy: p.name, id: r.id, logic: toJsonLogic(r.holdsWhen) })),
);

const evaluators = {
  'account-policy evaluate (compiled engine)': async (s) =>
    failingOf(await policy.evaluate(s, { now: NOW })),
  'account-policy evaluate (reference engine)': async (s) =>
    failingOf(await policy.evaluate(s, { now: NOW, engine: 'reference' })),
  [`json-rules-engine 7.3, raw (default options, one Engine${factsNote})`]: async (s) => {
    const { failureResults } = await rawEngine.run({ ...factsOf(s) });
    const failing = emptyFailing();
    for (const r of failureResults) failing[policyOf.get(r.name)].push(r.name);
    return failing;
  },
  [`json-logic-js 2.0 (same conditions${factsNote})`]: (s) => {
    const facts = factsOf(s);
    const failing = emptyFailing();
    for (const rule of logicRules)
      if (!jsonLogic.apply(rule.logic, facts)) failing[rule.policy].push(rule.id);
    return failing;
  },
  'hand-written function (the floor)': (s) => handWritten(s, nowMs, ruleSet.parameters),
};

// ---- agreement: every evaluator, every snapshot ----
const order = (failing) =>
  JSON.stringify(Object.fromEntries(policies.map((p) => [p.name, [...failing[p.name]].sort()])));
let disagreements = 0;
for (const s of snapshots) {
  const expected = order(await evaluators['hand-written function (the floor)'](s));
  for (const [name, evaluate] of Object.entries(evaluators)) {
    const got = order(await evaluate(s));
    if (got !== expected && disagreements++ < 5)
      console.error(`DISAGREE ${name} on ${s.accountId}: ${got} vs ${expected}`);
  }
}
if (disagreements > 0)
  throw new Error(`${disagreements} disagreements: the bench compares only evaluators that agree`);

// ---- speed, timed by tinybench ----
// Two measurements per evaluator, one evaluator after the other as before:
// - throughput: each tinybench iteration evaluates the next CHUNK snapshots in turn; after a warm-up
//   of 20,000 snapshots the iterations cover the whole corpus once, and evaluations/s is CHUNK over
//   tinybench's mean time per iteration (its period) — no timer call between two evaluations.
// - latency: each iteration is one evaluation, 20,000 samples (the corpus in turn), timed with
//   process.hrtime; p50 and p99 are tinybench's percentiles of those samples.
// Every call is awaited, sync evaluators too ({ async: true }), as the hand-rolled loops did.
const CHUNK = Math.min(1000, COUNT);
const WARM_UP = Math.min(20_000, COUNT);
const SAMPLES = Math.min(20_000, COUNT);

async function measure(name, evaluate) {
  let next = 0;
  const nextSnapshot = () => snapshots[next++ % snapshots.length];
  const throughput = new Bench({
    name: `${name}: throughput`,
    throws: true,
    time: 0,
    iterations: Math.ceil(COUNT / CHUNK),
    warmupTime: 0,
    warmupIterations: Math.ceil(WARM_UP / CHUNK),
  }).add(
    name,
    async () => {
      for (let i = 0; i < CHUNK; i++) await evaluate(nextSnapshot());
    },
    { async: true },
  );
  await throughput.run();
  const latency = new Bench({
    name: `${name}: latency`,
    throws: true,
    timestampProvider: 'hrtimeNow',
    time: 0,
    iterations: SAMPLES,
    warmup: false, // warm from the throughput run just before
  }).add(name, () => evaluate(nextSnapshot()), { async: true });
  next = 0;
  await latency.run();
  const [t] = throughput.tasks;
  const [l] = latency.tasks;
  for (const task of [t, l])
    if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.state}`);
  return {
    perSecond: (CHUNK * 1000) / t.result.period,
    p50: l.result.latency.p50 * 1000,
    p99: l.result.latency.p99 * 1000,
  };
}

const results = {};
for (const [name, evaluate] of Object.entries(evaluators))
  results[name] = await measure(name, evaluate);
const floor = results['hand-written function (the floor)'].perSecond;
const raw =
  results[`json-rules-engine 7.3, raw (default options, one Engine${factsNote})`].perSecond;
const rows = Object.entries(results).map(
  ([name, r]) =>
    `| ${name} | ${Math.round(r.perSecond).toLocaleString('en')} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(floor / r.perSecond).toFixed(1)}× | ${(r.perSecond / raw).toFixed(1)}× |`,
);

// ---- batch end to end ----
// Wall-clock time of one child process (`account-policy batch` over BATCH_LINES lines) from
// /usr/bin/time, not tinybench: it is a single run of tens of seconds, with its peak RSS, and
// tinybench's repeated in-process samples do not fit it.
let batchRow = '(skipped: --skip-batch)';
if (!args.includes('--skip-batch')) {
  const lines = join(work, 'batch.ndjson');
  spawnSync(
    process.execPath,
    [join(root, 'scripts/generate-corpus.mjs'), lines, '--count', String(BATCH_LINES)],
    { stdio: 'ignore' },
  );
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%e %M',
      process.execPath,
      join(root, 'dist/cli/main.js'),
      'batch',
      lines,
      '--now',
      NOW,
      '--out',
      join(work, 'records.ndjson'),
    ],
    { encoding: 'utf8' },
  );
  const [seconds, kb] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  batchRow = `${BATCH_LINES.toLocaleString('en')} NDJSON lines → decision records: **${seconds.toFixed(1)} s** wall (${Math.round(BATCH_LINES / seconds).toLocaleString('en')} records/s), peak RSS ${Math.round(kb / 1024)} MB (exit ${run.status})`;
}

const report = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  `${COUNT.toLocaleString('en')} generated snapshots (scripts/generate-corpus.mjs, fixed seed), evaluated at ${NOW}; every evaluator named the same failing rules for every snapshot.`,
  `Timing by tinybench: evaluations/s over the corpus once (in chunks of ${CHUNK.toLocaleString('en')}, after ${WARM_UP.toLocaleString('en')} warm-up evaluations); p50/p99 over ${SAMPLES.toLocaleString('en')} single evaluations.${FACTS_TIMED ? '' : ' json-rules-engine and json-logic-js get facts derived beforehand (not timed).'}`,
  '',
  '| evaluator | evaluations/s | p50 µs | p99 µs | vs the floor | vs raw json-rules-engine |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  `Peak RSS of the bench process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`,
  '',
  `batch: ${batchRow}.`,
].join('\n');
console.log(report);

if (args.includes('--write-docs')) {
  const docs = join(root, 'docs/performance.md');
  const text = readFileSync(docs, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  writeFileSync(
    docs,
    `${text.slice(0, text.indexOf(start) + start.length)}\n${report}\n${text.slice(text.indexOf(end))}`,
  );
}
