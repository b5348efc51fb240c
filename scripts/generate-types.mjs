// Writes src/generated/*.ts from the JSON Schemas in schemas/, so the TypeScript types and the
// validation can never disagree. `--check` writes nothing and exits 1 when a file is stale
// (test/schemas-and-digest.test.ts runs it).
//
// Each type is declared once, in the file of the schema that owns it: a `$ref` into another
// schema file becomes an `import type` of the type that file declares (for a titled, root or
// `$defs` schema), or an alias of an indexed access into it (for a property inside one, e.g.
// `export type Lifecycle = EvaluationResult['lifecycle']`), instead of json-schema-to-
// typescript's copy of the referenced type. A reference to something with no shape of its own
// (a string with a pattern, an enum) is copied in place: a copy of `string` declares nothing.
import { readFile, writeFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';
import { toSafeString } from 'json-schema-to-typescript/dist/src/utils.js';

const schemas = {
  diagnostic: 'Diagnostic',
  'account-snapshot': 'AccountSnapshot',
  facts: 'Facts',
  'evaluation-result': 'EvaluationResult',
  'policy-file': 'PolicyFile',
  'parameters-file': 'ParametersFile',
  sections: 'SectionsFile',
  'rule-tests': 'RuleTestsFile',
  'decision-record': 'DecisionRecord',
  'check-output': 'CheckReport',
  analysis: 'Analysis',
  'semantic-diff': 'SemanticDiff',
  'rule-test-report': 'RuleTestReport',
  'diff-report': 'DiffReport',
  report: 'Report',
  'http-evaluate-request': 'EvaluateRequest',
  'http-evaluate-response': 'EvaluateResponse',
  'http-batch-response': 'BatchResponse',
  'http-error': 'ErrorResponse',
};

/**
 * The schemas are written for clear validation errors; three of their idioms confuse the type
 * generator, so it sees an equivalent form: a `$ref` with a sibling title/description (which
 * would make a duplicate named type), the condition's if/then chain (which has no type
 * equivalent; as a type it is the union of its branches), and a schema with nothing but a
 * description (any value: `unknown`, where the generator would say "an object").
 */
function forTypes(node) {
  if (Array.isArray(node)) return node.map(forTypes);
  if (node === null || typeof node !== 'object') return node;
  const keys = Object.keys(node);
  if (
    keys.length > 0 &&
    keys.every((key) => ['title', 'description'].includes(key) && typeof node[key] === 'string')
  ) {
    return { ...node, tsType: 'unknown' };
  }
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

const files = new Map();
for (const name of Object.keys(schemas)) {
  files.set(name, JSON.parse(await readFile(new URL(`schemas/${name}.schema.json`, root), 'utf8')));
}

function decodePointer(fragment) {
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) throw new Error(`unsupported $ref fragment #${fragment}`);
  return fragment
    .slice(1)
    .split('/')
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolve(file, fragment) {
  const schema = files.get(file);
  if (!schema) throw new Error(`$ref to schemas/${file}.schema.json, which is not generated`);
  let node = schema;
  for (const part of decodePointer(fragment)) {
    node = node?.[part];
    if (node === undefined) throw new Error(`$ref ${file}.schema.json#${fragment} points nowhere`);
  }
  return node;
}

/** A referenced schema is a type of its own (imported) when it has a shape; else it is copied. */
function isShared(target) {
  if (target.$ref) return false;
  return (
    target.title !== undefined ||
    target.type === 'object' ||
    ['properties', 'oneOf', 'anyOf', 'allOf'].some((key) => key in target)
  );
}

/** The name schemas/<file>'s generated file declares a titled, root or `$defs` schema under. */
function declaredName(file, parts, node) {
  if (node.title !== undefined) return toSafeString(node.title);
  if (parts.length === 0) return schemas[file];
  if (parts.length === 2 && parts[0] === '$defs') return toSafeString(parts[1]);
  return undefined;
}

/**
 * The TypeScript type of a shared target, as `{ owner, name }` to import from the owner's file,
 * plus, for a property inside a declared type (the owner declares no name for it), an alias
 * `{ alias, of }`: an indexed access into the declared type, e.g. EvaluationResult['lifecycle'].
 */
function sharedType(owner, fragment) {
  const parts = decodePointer(fragment);
  for (let base = parts.length; base >= 0; base--) {
    const baseParts = parts.slice(0, base);
    const baseNode = resolve(owner, baseParts.map((p) => `/${p}`).join(''));
    const name = declaredName(owner, baseParts, baseNode);
    if (name === undefined) continue;
    let of = name;
    let at = baseNode;
    const rest = parts.slice(base);
    for (let i = 0; i < rest.length; i += 2) {
      if (rest[i] !== 'properties' || rest[i + 1] === undefined)
        throw new Error(`cannot name ${owner}.schema.json#${fragment} in TypeScript`);
      const key = rest[i + 1];
      of = `${of}['${key}']`;
      if (!(at.required ?? []).includes(key)) of = `Exclude<${of}, undefined>`;
      at = at.properties[key];
    }
    if (rest.length === 0) return { owner, name };
    return { owner, name, alias: toSafeString(rest.at(-1)), of, description: at.description };
  }
  throw new Error(`cannot name ${owner}.schema.json#${fragment} in TypeScript`);
}

/**
 * `node` (from schemas/<file>) with every $ref into another file replaced: by a tsType naming
 * the owner's type (recorded in `uses`), or by a copy of the target.
 */
function external(node, file, uses) {
  if (Array.isArray(node)) return node.map((item) => external(item, file, uses));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) {
    const [path, fragment = ''] = node.$ref.split('#');
    const owner = path.replace(/^.*\//, '').replace(/\.schema\.json$/, '');
    const target = resolve(owner, fragment);
    const { $ref: _ref, title: _title, ...siblings } = node;
    if (isShared(target)) {
      const type = sharedType(owner, fragment);
      uses.push(type);
      // The target's own description is on its declaration.
      return { ...siblings, tsType: type.alias ?? type.name };
    }
    // A copy: its own references are relative to the file it came from.
    return { ...external(localToFile(target, owner), file, uses), ...siblings };
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, external(value, file, uses)]),
  );
}

function localToFile(node, owner) {
  if (Array.isArray(node)) return node.map((item) => localToFile(item, owner));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${owner}.schema.json${value}`
        : localToFile(value, owner),
    ]),
  );
}

const declares = (ts, name) => new RegExp(`^export (type|interface) ${name}\\b`, 'm').test(ts);

/** The imports and aliases that go at the top of a generated file. */
function preamble(file, uses, ts) {
  const imports = new Map();
  const aliases = new Map();
  for (const { owner, name, alias, of, description } of uses) {
    if (owner === file) throw new Error(`${file}.schema.json refers to itself by file name`);
    if (!imports.has(owner)) imports.set(owner, new Set());
    imports.get(owner).add(name);
    if (alias !== undefined) {
      if (aliases.has(alias) && aliases.get(alias).of !== of)
        throw new Error(`src/generated/${file}.ts: two types named ${alias}`);
      aliases.set(alias, { of, description });
    }
  }
  for (const name of [...[...imports.values()].flatMap((names) => [...names]), ...aliases.keys()]) {
    if (declares(ts, name)) throw new Error(`src/generated/${file}.ts declares ${name} twice`);
  }
  const lines = [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([owner, names]) => `import type { ${[...names].sort().join(', ')} } from './${owner}.js';`,
    );
  for (const [alias, { of, description }] of [...aliases].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push('');
    if (description !== undefined) lines.push('/**', ` * ${description}`, ' */');
    lines.push(`export type ${alias} = ${of};`);
  }
  return { lines, imports };
}

const stale = [];
const generated = new Map();
for (const [name, schema] of files) {
  const uses = [];
  const own = external(schema, name, uses);
  let ts = await compile(forTypes(own), name, {
    bannerComment: `/* Generated from schemas/${name}.schema.json by scripts/generate-types.mjs: do not edit. */`,
    cwd: new URL('schemas/', root).pathname,
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: true },
  });
  const { lines, imports } = preamble(name, uses, ts);
  if (lines.length > 0) ts = ts.replace(/^(\/\*.*\*\/\n)/, `$1\n${lines.join('\n')}\n`);
  generated.set(name, { ts, imports });
}

// Every imported type is declared by its owner.
for (const [name, { imports }] of generated) {
  for (const [owner, names] of imports) {
    for (const imported of names) {
      if (!declares(generated.get(owner).ts, imported))
        throw new Error(
          `src/generated/${name}.ts imports ${imported}, which ${owner}.ts does not declare`,
        );
    }
  }
}

for (const [name, { ts }] of generated) {
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
