// npm run bench [-- --count 100000] [--batch-lines 1000000 | --skip-batch] [--write-docs]
//
// Side by side, in one process, on the same generated snapshots (fixed seed) and the shipped
// rules: account-policy's evaluate (compiled and reference engines), raw json-rules-engine
// (default options, one reused Engine, the rule files' own conditions), json-logic-js (the same
// conditions translated), and a hand-written function (the floor). Every evaluator must name
// the same failing rules for every snapshot, or the bench fails. Then `batch` end to end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonLogic from 'json-logic-js';
import { Engine } from 'json-rules-engine';
import { loadPolicy } from '../dist/index.js';
import { deriveFacts } from '../dist/facts/derive-facts.js';
import { lifecycleAt } from '../dist/facts/lifecycle.js';
import { epochMs } from '../dist/facts/time.js';
import { handWritten } from './hand-written.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const COUNT = Number(option('--count', '100000'));
const BATCH_LINES = Number(option('--batch-lines', '1000000'));
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
const policy = await loadPolicy();
const { ruleSet } = policy;
const policies = ruleSet.policies.filter((p) => !p.requiresTarget);
const nowMs = Date.parse(NOW);

function factsOf(snapshot) {
  const lifecycle = lifecycleAt(snapshot.cancellation, nowMs, ruleSet.parameters);
  return deriveFacts({
    snapshot,
    parameters: ruleSet.parameters,
    nowMs,
    lifecycle,
    target: undefined,
  });
}

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
  'json-rules-engine 7.3, raw (default options, one Engine)': async (s) => {
    const { failureResults } = await rawEngine.run({ ...factsOf(s) });
    const failing = emptyFailing();
    for (const r of failureResults) failing[policyOf.get(r.name)].push(r.name);
    return failing;
  },
  'json-logic-js 2.0 (same conditions)': (s) => {
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

// ---- speed ----
async function measure(evaluate) {
  for (let i = 0; i < Math.min(20_000, snapshots.length); i++) await evaluate(snapshots[i]); // warm up
  const started = performance.now();
  for (const s of snapshots) await evaluate(s);
  const perSecond = snapshots.length / ((performance.now() - started) / 1000);
  const samples = [];
  for (let i = 0; i < Math.min(20_000, snapshots.length); i++) {
    const t = process.hrtime.bigint();
    await evaluate(snapshots[i]);
    samples.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  samples.sort((a, b) => a - b);
  return {
    perSecond,
    p50: samples[Math.floor(samples.length / 2)],
    p99: samples[Math.floor(samples.length * 0.99)],
  };
}

const results = {};
for (const [name, evaluate] of Object.entries(evaluators)) results[name] = await measure(evaluate);
const floor = results['hand-written function (the floor)'].perSecond;
const raw = results['json-rules-engine 7.3, raw (default options, one Engine)'].perSecond;
const rows = Object.entries(results).map(
  ([name, r]) =>
    `| ${name} | ${Math.round(r.perSecond).toLocaleString('en')} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(floor / r.perSecond).toFixed(1)}× | ${(r.perSecond / raw).toFixed(1)}× |`,
);

// ---- batch end to end ----
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
