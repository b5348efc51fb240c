// Writes src/generated/*.ts from the JSON Schemas in schemas/, so the TypeScript types and the
// validation can never disagree. `--check` writes nothing and exits 1 when a file is stale
// (test/generated-types.test.ts runs it).
import { readFile, writeFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';

const schemas = {
  'account-snapshot': 'AccountSnapshot',
  facts: 'Facts',
  'evaluation-result': 'EvaluationResult',
  'policy-file': 'PolicyFile',
  'parameters-file': 'ParametersFile',
  sections: 'SectionsFile',
  'rule-tests': 'RuleTestsFile',
  'decision-record': 'DecisionRecord',
};

/**
 * The schemas are written for clear validation errors; two of their idioms confuse the type
 * generator, so it sees an equivalent form: a `$ref` with a sibling title/description (which
 * would make a duplicate named type), and the condition's if/then chain (which has no type
 * equivalent; as a type it is the union of its branches).
 */
function forTypes(node) {
  if (Array.isArray(node)) return node.map(forTypes);
  if (node === null || typeof node !== 'object') return node;
  if (
    node.$ref &&
    Object.keys(node).every((key) => ['$ref', 'title', 'description'].includes(key))
  ) {
    return { $ref: node.$ref };
  }
  if (node.if && node.then) {
    const branches = [];
    for (let at = node; at; at = at.else) {
      if (at.if && at.then) branches.push(at.then);
      else branches.push(at);
    }
    const { if: _if, then: _then, else: _else, ...rest } = node;
    return forTypes({ ...rest, anyOf: branches });
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, forTypes(value)]));
}

const root = new URL('../', import.meta.url);
const check = process.argv.includes('--check');
let stale = [];
for (const [name] of Object.entries(schemas)) {
  const schema = forTypes(
    JSON.parse(await readFile(new URL(`schemas/${name}.schema.json`, root), 'utf8')),
  );
  const ts = await compile(schema, name, {
    bannerComment: `/* Generated from schemas/${name}.schema.json by scripts/generate-types.mjs: do not edit. */`,
    cwd: new URL('schemas/', root).pathname,
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: true },
  });
  const target = new URL(`src/generated/${name}.ts`, root);
  if (check) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== ts) stale.push(`src/generated/${name}.ts`);
  } else {
    await writeFile(target, ts);
  }
}
if (stale.length) {
  console.error(`stale generated types: ${stale.join(', ')}; run npm run gen:types`);
  process.exit(1);
}
