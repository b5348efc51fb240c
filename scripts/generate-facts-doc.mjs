// Writes docs/facts.md — every fact and path a rule or message may use — from
// schemas/facts.schema.json, so the list cannot drift from what the evaluator derives.
// `--check` writes nothing and exits 1 when the file is stale (a test runs it).
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const schema = JSON.parse(await readFile(new URL('schemas/facts.schema.json', root), 'utf8'));

function resolve(node) {
  return node.$ref
    ? { ...schema.$defs[node.$ref.replace('#/$defs/', '')], description: node.description }
    : node;
}

function typeOf(node) {
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  return [node.type]
    .flat()
    .map((t) => (t === 'array' ? 'list' : t))
    .join(' or ');
}

/** Rows for every leaf below `node`; leaves of a shared group (count, names) say whose they are. */
function rows(fact, node, segments, group = undefined) {
  const resolved = resolve(node);
  if (resolved.type === 'object' && resolved.properties) {
    const owner = node.$ref ? resolved.description : undefined;
    return Object.entries(resolved.properties).flatMap(([key, child]) =>
      rows(fact, child, [...segments, key], owner),
    );
  }
  const path = `$.${segments.join('.')}`;
  const placeholder = `{${[fact, ...segments].join('.')}}`;
  const meaning = `${group ? `${group} ` : ''}${resolved.description ?? ''}`.replace(/\|/g, '\\|');
  return [`| \`${fact}\` | \`${path}\` | \`${placeholder}\` | ${typeOf(resolved)} | ${meaning} |`];
}

const lines = [
  '# Facts rules can read / 规则可读取的事实',
  '',
  '<!-- Generated from schemas/facts.schema.json by scripts/generate-facts-doc.mjs: do not edit. -->',
  '',
  schema.description,
  '',
  'In a condition, name the fact and the path: `fact: pay`, `path: $.balanceFen`. In a message, write the placeholder: `{pay.balanceYuan}`.',
  '条件中写事实名和路径（`fact: pay`、`path: $.balanceFen`）；消息中写占位符（`{pay.balanceYuan}`）。',
  '',
];
for (const [fact, node] of Object.entries(schema.properties)) {
  lines.push(
    `## \`${fact}\``,
    '',
    resolve(node).description ?? '',
    '',
    '| fact | path | placeholder | type | meaning |',
    '|---|---|---|---|---|',
    ...rows(fact, node, []),
    '',
  );
}
const text = `${lines.join('\n').trimEnd()}\n`;
const target = new URL('docs/facts.md', root);
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error('docs/facts.md is stale; run npm run gen:docs');
    process.exit(1);
  }
} else {
  await writeFile(target, text);
}
