// npm run bench:analysis [-- --write-docs]
//
// The cost of proving rules (issue 12): `check` and `analyze` wall time on the shipped rules
// (real processes, the median of 5), the prover's share of a load (in process, tinybench), and
// `check` and `analyze` on a generated rule set of 200 rules (the shipped 16 plus 184 generated
// ones, each of which can hold and can fail). --write-docs puts the table in docs/performance.md
// between <!-- analysis:start --> and <!-- analysis:end -->.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import * as library from '../dist/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const RUNS = 5;

/** The median wall time of `account-policy ...args`, and the exit status it must have. */
function wall(args, expectedStatus = 0) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    times.push(performance.now() - start);
    if (run.status !== expectedStatus)
      throw new Error(
        `${args.join(' ')} exited ${run.status}: ${run.stderr}${run.stdout.slice(0, 2000)}`,
      );
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

// ---- a 200-rule set: 46 generated rules in each policy file, deterministic ----
let seed = 20261203;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (list) => list[Math.floor(random() * list.length)];
const COMPARISONS = [
  () =>
    `{ fact: pay, path: $.balanceFen, operator: ${pick(['lessThan', 'lessThanInclusive'])}, value: ${1 + Math.floor(random() * 100000)} }`,
  () =>
    `{ fact: pay, path: $.pendingRefunds, operator: lessThan, value: ${1 + Math.floor(random() * 5)} }`,
  () =>
    `{ fact: authorizations, path: $.${pick(['app', 'wecom', 'mini_program'])}.count, operator: lessThanInclusive, value: ${Math.floor(random() * 3)} }`,
  () =>
    `{ fact: authorizations, path: $.app.names, operator: doesNotContain, value: ${pick(['Alpha', 'Beta', 'Gamma'])} }`,
  () =>
    `{ fact: lifecycle, path: $.state, operator: notIn, value: [${pick(['cancelled', 'cooling_off', 'withdrawn'])}] }`,
  () =>
    `{ fact: pay, path: $.bankCards.count, operator: lessThan, value: ${2 + Math.floor(random() * 4)} }`,
  () => `{ fact: account, path: $.phoneBound, operator: equal, value: ${pick(['true', 'false'])} }`,
];
function generatedRule(policy, i) {
  // Distinct kinds of comparison: each can go either way on its own, so their all/any can too.
  const kinds = [...COMPARISONS].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3));
  const parts = kinds.map((comparison) => comparison());
  const holdsWhen =
    parts.length === 1 ? parts[0] : `{ ${pick(['all', 'any'])}: [${parts.join(', ')}] }`;
  return [
    `  - id: ${policy}.generated-${i}`,
    `    source: "2.1"`,
    `    description: Generated rule ${i} for the analysis benchmark.`,
    `    holdsWhen: ${holdsWhen}`,
    `    reason:`,
    `      zh-CN: 生成的规则 ${i} 不成立。`,
    `      en: Generated rule ${i} does not hold.`,
    '',
  ].join('\n');
}
const big = join(mkdtempSync(join(tmpdir(), 'account-policy-analysis-bench-')), 'rules');
cpSync(join(root, 'rules'), big, { recursive: true });
const policies = ['cancel', 'unbind', 'withdraw', 'phone-reuse'];
let added = 0;
for (const policy of policies) {
  const count = 46; // 16 shipped + 4 × 46 = 200
  const file = join(big, `${policy}.yaml`);
  const text = readFileSync(file, 'utf8');
  const rules = Array.from({ length: count }, (_, i) => generatedRule(policy, i)).join('\n');
  writeFileSync(file, text.replace('\nconsequences:', `\n${rules}\nconsequences:`));
  added += count;
}
const bigLoaded = await library.loadRuleSet(big);
if (!bigLoaded.ok)
  throw new Error(
    `the generated rule set must pass check:\n${bigLoaded.diagnostics.map(library.formatDiagnostic).join('\n')}`,
  );
const ruleCount = bigLoaded.ruleSet.policies.reduce((n, p) => n + p.rules.length, 0);

// ---- in process: the prover's share of loading the shipped rules ----
const rulesDir = join(root, 'rules');
const bench = new Bench({ time: 2000, warmupTime: 500 });
bench
  .add('loadRuleSet (with proofs)', async () => void (await library.loadRuleSet(rulesDir)))
  .add(
    'loadRuleSet (proofs: false)',
    async () => void (await library.loadRuleSet(rulesDir, { proofs: false })),
  );
await bench.run();
const mean = (name) => bench.tasks.find((t) => t.name === name).result.latency.mean;
const proofMs = Math.max(
  0,
  mean('loadRuleSet (with proofs)') - mean('loadRuleSet (proofs: false)'),
);

const figures = [
  ['`check` on the shipped rules (wall, process)', wall(['check'])],
  ['`analyze` on the shipped rules (wall, process)', wall(['analyze'])],
  ['the proofs inside a warm load of the shipped rules', proofMs],
  [`\`check\` on ${ruleCount} rules (wall, process)`, wall(['check', '--rules', big])],
  [`\`analyze\` on ${ruleCount} rules (wall, process)`, wall(['analyze', '--rules', big])],
];
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; median of ${RUNS} runs for processes.`,
  '',
  '| what | time |',
  '|---|---:|',
  ...figures.map(([what, ms]) => `| ${what} | ${ms < 10 ? ms.toFixed(2) : Math.round(ms)} ms |`),
].join('\n');
console.log(table);
console.log(`(${added} generated rules added to the shipped ${ruleCount - added})`);

if (process.argv.includes('--write-docs')) {
  const docs = join(root, 'docs/performance.md');
  const text = readFileSync(docs, 'utf8');
  const start = '<!-- analysis:start -->';
  const end = '<!-- analysis:end -->';
  if (!text.includes(start) || !text.includes(end))
    throw new Error(`${docs} has no ${start} … ${end}`);
  writeFileSync(
    docs,
    `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`,
  );
}
