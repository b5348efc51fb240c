/**
 * The stage order of docs/architecture.md, enforced: a module may import from its own stage and
 * the stages before it, never from a later one, and no import may close a circle. `npm run lint`
 * runs it (`depcruise src`).
 */
const STAGES = [
  ['base', '^src/(diagnostics|diagnostic-titles|lang|digest|own-path|pointer|paths|package-info|atomic-write)\\.ts$|^src/generated/'],
  ['load', '^src/load/'],
  ['validate', '^src/validate/'],
  ['facts', '^src/facts/'],
  ['rules', '^src/rules/'],
  ['engine', '^src/engine/'],
  ['render', '^src/render/'],
  ['evaluate', '^src/evaluate/'],
  ['audit', '^src/audit/'],
  ['output', '^src/output/'],
  ['features', '^src/(batch|diff|report|rule-tests|analysis)/'],
  ['shells', '^src/(cli|server)/|^src/index\\.ts$'],
];

const backwards = STAGES.flatMap(([name, path], i) => {
  const later = STAGES.slice(i + 1).map(([, p]) => `(${p})`);
  if (later.length === 0) return [];
  return [
    {
      name: `no-${name}-to-later-stage`,
      comment: `${name} runs before ${STAGES.slice(i + 1).map(([n]) => n).join(', ')}: it may not import them`,
      severity: 'error',
      from: { path },
      to: { path: later.join('|') },
    },
  ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a circle of imports has no order to read it in',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'every-module-has-a-stage',
      comment: 'a file outside every stage is a stage nobody named: add it to STAGES',
      severity: 'error',
      from: { path: '^src/', pathNot: STAGES.map(([, p]) => `(${p})`).join('|') },
      to: {},
    },
    {
      name: 'features-stand-apart',
      comment: 'batch, diff, report, rule-tests and analysis build on Policy, not on each other',
      severity: 'error',
      from: { path: '^src/(batch|diff|report|rule-tests|analysis)/' },
      to: { path: '^src/(batch|diff|report|rule-tests|analysis)/', pathNot: '^src/$1/' },
    },
    {
      name: 'server-is-not-the-cli',
      comment: 'the HTTP shell never reaches into the CLI',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
    ...backwards,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
  },
};
