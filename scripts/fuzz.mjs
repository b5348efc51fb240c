#!/usr/bin/env node
/**
 * Fuzzes the two parsers of the built package (dist/) for a time budget: snapshot text through
 * policy.evaluateText (JSON and YAML), and rule files through loadRuleSet. Inputs are random
 * bytes and strings, and mutations of examples/*.json|yaml and rules/*.yaml spliced with
 * tokens that have hurt parsers before (anchors, tags, directives, deep brackets, prototype
 * keys, huge numbers, lone surrogates).
 *
 * A crash is anything other than a result or InvalidInputError (snapshots) or an outcome
 * (rules). Each is written to test/fixtures/fuzz-crashes/ — test/hardening/fuzz-regressions
 * replays that directory on every test run — and makes the run fail.
 *
 *   npm run fuzz                      # 120 s
 *   npm run fuzz -- --seconds 600     # longer, by hand
 *   npm run fuzz -- --seed 42         # reproduce a run (the seed is printed)
 *   npm run fuzz:ci                   # 20 s, part of npm test
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

const root = fileURLToPath(new URL('../', import.meta.url));
const { loadPolicy, loadRuleSet, InvalidInputError } = await import(join(root, 'dist/index.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? Number(args[at + 1]) : fallback;
};
const seconds = option('seconds', 120);
const seed = option('seed', Date.now() % 2_147_483_647);
const crashDir = join(root, 'test/fixtures/fuzz-crashes');

const TOKENS = [
  '&a ',
  '*a',
  '!!binary ',
  '!!timestamp ',
  '!foo ',
  '<<: ',
  '%YAML 1.1\n---\n',
  '---\n',
  '...\n',
  '? ',
  '- ',
  ': ',
  '|\n',
  '>-\n',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '\\',
  '\\u0000',
  '\\ud800',
  '\u0000',
  '\ud800',
  '\u202e',
  '\ufeff',
  '\r\n',
  '\t',
  '#',
  '"__proto__"',
  '__proto__: ',
  'constructor',
  'prototype',
  '9007199254740993',
  '1e400',
  '-0',
  '.inf',
  '.nan',
  '0x1F',
  'no',
  'null',
  '~',
  '0000-01-01T00:00:00+23:59',
  '9999-12-31T23:59:59.999-23:59',
  '2026-02-30T00:00:00Z',
  '23:59:60',
  '$..[?(@.constructor)]',
  '$.__proto__',
  '['.repeat(70),
  '- '.repeat(70),
  '{"a":'.repeat(70),
];

const examples = [];
for (const dir of ['examples', 'rules', 'rules/tests/fixtures']) {
  for (const name of await readdir(join(root, dir)).catch(() => [])) {
    if (/\.(json|ya?ml)$/.test(name))
      examples.push({
        name: `${dir}/${name}`,
        text: await readFile(join(root, dir, name), 'utf8'),
      });
  }
}
const ruleFiles = examples.filter(
  (e) => e.name.startsWith('rules/') && !e.name.startsWith('rules/tests'),
);
const snapshotExamples = examples.filter((e) => !ruleFiles.includes(e));

/** One mutation of `text`: flip, delete, duplicate, insert a token, or splice in another example. */
const mutation = (text) =>
  fc
    .tuple(
      fc.nat({ max: Math.max(0, text.length) }),
      fc.nat({ max: 40 }),
      fc.constantFrom(...TOKENS),
      fc.integer({ min: 0, max: 6 }),
      fc.nat(),
      fc.string({ unit: 'binary', maxLength: 8 }),
    )
    .map(([at, length, token, kind, pick, noise]) => {
      const other = examples[pick % examples.length].text;
      switch (kind) {
        case 0:
          return text.slice(0, at) + token + text.slice(at);
        case 1:
          return text.slice(0, at) + text.slice(at + length);
        case 2:
          return (
            text.slice(0, at) + text.slice(at, at + length).repeat(3) + text.slice(at + length)
          );
        case 3:
          return text.slice(0, at) + noise + text.slice(at + length);
        case 4:
          return text.slice(0, at) + other.slice(pick % Math.max(1, other.length));
        case 5:
          return text.slice(0, at) + token.repeat(1 + (length % 5)) + text.slice(at);
        default:
          return text.replace(/\d/g, (d) => (pick % 7 === 0 ? '9' : d));
      }
    });

const mutated = (sources) =>
  fc.constantFrom(...sources).chain((e) =>
    fc.integer({ min: 1, max: 4 }).chain((n) => {
      let arb = fc.constant(e.text);
      for (let i = 0; i < n; i++) arb = arb.chain(mutation);
      return arb.map((text) => ({ text, from: e.name }));
    }),
  );

const snapshotInputs = fc.oneof(
  { weight: 6, arbitrary: mutated(snapshotExamples) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 400 })
      .map((bytes) => ({ text: Buffer.from(bytes).toString('utf8'), from: 'random bytes' })),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 300 })
      .map((text) => ({ text, from: 'random string' })),
  },
  { weight: 1, arbitrary: fc.json({ maxDepth: 5 }).map((text) => ({ text, from: 'random JSON' })) },
);
const ruleInputs = mutated(ruleFiles);

const policy = await loadPolicy();
const crashes = [];

async function saveCrash(kind, input, error) {
  const hash = createHash('sha256').update(input.text).digest('hex').slice(0, 16);
  await mkdir(crashDir, { recursive: true });
  const base = join(crashDir, `${kind}-${hash}`);
  await writeFile(`${base}.txt`, input.text);
  await writeFile(
    `${base}.meta.json`,
    `${JSON.stringify({ kind, from: input.from, format: input.format, file: input.file, seed, error: String(error?.stack ?? error) }, null, 2)}\n`,
  );
  crashes.push(base);
  console.error(
    `fuzz: CRASH (${kind}) from ${input.from}: ${String(error?.message ?? error).slice(0, 200)} → ${base}.txt`,
  );
}

async function fuzzSnapshot(input) {
  for (const format of ['json', 'yaml']) {
    try {
      const result = await policy.evaluateText(input.text, { format, now: '2026-11-24T00:00:00Z' });
      for (const p of Object.values(result.policies))
        if ((p.outcome === 'pass') !== (p.reasons.length === 0))
          throw new Error('pass with reasons');
    } catch (error) {
      if (!(error instanceof InvalidInputError))
        return saveCrash('snapshot', { ...input, format }, error);
    }
  }
}

const ruleDir = join(await mkdtemp(join(tmpdir(), 'account-policy-fuzz-')), 'rules');
await cp(join(root, 'rules'), ruleDir, { recursive: true });
async function fuzzRules(input, file) {
  const path = join(ruleDir, file.replace('rules/', ''));
  const original = await readFile(path, 'utf8');
  await writeFile(path, input.text);
  try {
    const outcome = await loadRuleSet(ruleDir);
    if (outcome.ok)
      await loadPolicy({ rules: ruleDir })
        .then((p) =>
          p.evaluate(JSON.parse(snapshotExamples.find((e) => e.name.endsWith('.json')).text), {
            now: '2026-11-24T00:00:00Z',
          }),
        )
        .catch((error) => {
          if (!(error instanceof InvalidInputError)) throw error;
        });
  } catch (error) {
    await saveCrash('rules', { ...input, file }, error);
  } finally {
    await writeFile(path, original);
  }
}

const deadline = Date.now() + seconds * 1000;
let round = 0;
let snapshots = 0;
let rules = 0;
console.error(`fuzz: ${seconds} s, seed ${seed}, ${examples.length} example files`);
while (Date.now() < deadline) {
  for (const input of fc.sample(snapshotInputs, { seed: seed + round, numRuns: 200 })) {
    await fuzzSnapshot(input);
    snapshots++;
  }
  for (const input of fc.sample(ruleInputs, { seed: seed + round, numRuns: 10 })) {
    await fuzzRules(input, input.from);
    rules++;
  }
  round++;
}
await rm(ruleDir, { recursive: true, force: true });
console.error(
  `fuzz: ${snapshots} snapshot texts (× JSON and YAML) and ${rules} rule files in ${seconds} s; ${crashes.length} crash${crashes.length === 1 ? '' : 'es'}`,
);
process.exitCode = crashes.length > 0 ? 1 : 0;
