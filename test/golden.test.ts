/**
 * The golden outputs: what the CLI prints (stdout, stderr, exit status) and what the HTTP
 * service answers, on the shipped examples, the corpus and a set of bad inputs, held byte for
 * byte against test/fixtures/golden/outputs.json. A refactoring must leave every one of them
 * unchanged; a deliberate change of output regenerates the file (UPDATE_GOLDEN=1) in the same
 * commit, so the diff shows what changed. Large outputs are kept as their sha256 and length.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

const GOLDEN = join(repoRoot, 'test/fixtures/golden/outputs.json');
const NOW = '2026-11-25T00:00:00Z';
const EXAMPLES = [
  'blocked.yaml',
  'cancelled-long-ago.yaml',
  'cooling-off.yaml',
  'eligible.json',
  'withdrawn.json',
];
const INLINE_LIMIT = 16_384;

type Kept = string | { sha256: string; bytes: number };
interface Output {
  status: number | null;
  stdout: Kept;
  stderr: Kept;
}

function kept(text: string): Kept {
  if (text.length <= INLINE_LIMIT) return text;
  return {
    sha256: createHash('sha256').update(text).digest('hex'),
    bytes: Buffer.byteLength(text),
  };
}

/** Bad inputs whose diagnostics are part of the output contract. */
const BAD: Record<string, string> = {
  'wrong-type.yaml':
    'accountId: wxid_bad\ncapturedAt: "2026-11-24T00:00:00Z"\nphone: 12\npay: {enabled: yes, balanceFen: -1, pendingTransactions: 0, pendingRefunds: 0, bankCards: []}\nauthorizations: []\ncancellation: null\n',
  'syntax.json': '{"accountId": "wxid_x", "pay": {"enabled": true,, }}\n',
  'long-line.json': `{"accountId": "wxid_long", "capturedAt": "2026-11-24T00:00:00Z", "phone": "+86 138 0000 0000", "pay": {"enabled": false, "balanceFen": "${'9'.repeat(300)}", "pendingTransactions": 0, "pendingRefunds": 0, "bankCards": []}, "authorizations": [], "cancellation": null}\n`,
  'future.yaml':
    'accountId: wxid_future\ncapturedAt: "2030-01-01T00:00:00Z"\nphone: "+86 138 0000 0000"\npay: {enabled: false, balanceFen: 0, pendingTransactions: 0, pendingRefunds: 0, bankCards: []}\nauthorizations: []\ncancellation: null\n',
  'mixed.ndjson': `${readFileSync(join(repoRoot, 'examples/corpus.ndjson'), 'utf8').split('\n').slice(0, 3).join('\n')}\nnot json\n{"accountId": 1}\n\n`,
};

async function badDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'account-policy-golden-'));
  for (const [name, text] of Object.entries(BAD)) await writeFile(join(dir, name), text);
  return dir;
}

/** Every CLI case: a name, and its arguments (BAD/ stands for the bad-input directory). */
function cliCases(): Array<[string, string[]]> {
  const cases: Array<[string, string[]]> = [];
  for (const example of EXAMPLES) {
    const file = `examples/${example}`;
    for (const lang of ['zh-CN', 'en']) {
      cases.push([
        `evaluate ${example} text ${lang}`,
        ['evaluate', file, '--now', NOW, '--lang', lang],
      ]);
      cases.push([
        `evaluate ${example} json ${lang}`,
        ['evaluate', file, '--now', NOW, '--lang', lang, '--format', 'json'],
      ]);
      cases.push([
        `evaluate ${example} explain ${lang}`,
        ['evaluate', file, '--now', NOW, '--lang', lang, '--explain'],
      ]);
    }
    cases.push([
      `evaluate ${example} explain json reference`,
      ['evaluate', file, '--now', NOW, '--format', 'json', '--explain', '--engine', 'reference'],
    ]);
    cases.push([`evaluate ${example} capturedAt`, ['evaluate', file, '--format', 'json']]);
  }
  cases.push([
    'evaluate unbind card',
    [
      'evaluate',
      'examples/blocked.yaml',
      '--now',
      NOW,
      '--unbind',
      'card-icbc',
      '--format',
      'json',
      '--explain',
    ],
  ]);
  cases.push([
    'evaluate unbind auth en',
    ['evaluate', 'examples/blocked.yaml', '--now', NOW, '--unbind', 'auth-meituan', '--lang', 'en'],
  ]);
  cases.push([
    'evaluate unbind missing',
    ['evaluate', 'examples/blocked.yaml', '--now', NOW, '--unbind', 'nope'],
  ]);
  for (const name of Object.keys(BAD)) {
    if (name.endsWith('.ndjson')) continue;
    cases.push([`evaluate bad ${name}`, ['evaluate', `BAD/${name}`, '--now', NOW]]);
    cases.push([
      `evaluate bad ${name} json`,
      ['evaluate', `BAD/${name}`, '--now', NOW, '--format', 'json'],
    ]);
  }
  cases.push(['evaluate bad now', ['evaluate', 'examples/eligible.json', '--now', 'yesterday']]);
  cases.push(['evaluate missing file', ['evaluate', 'examples/none.json', '--now', NOW]]);
  cases.push(['check', ['check']]);
  cases.push(['check strict json', ['check', '--strict', '--format', 'json']]);
  cases.push([
    'check fixture rule set',
    ['check', '--rules', 'test/fixtures/rule-set', '--format', 'json'],
  ]);
  cases.push(['check missing dir', ['check', '--rules', 'no-such-rules']]);
  cases.push(['test', ['test']]);
  cases.push(['test coverage', ['test', '--coverage']]);
  cases.push(['test json', ['test', '--format', 'json', '--coverage']]);
  for (const format of ['text', 'json']) {
    for (const lang of ['zh-CN', 'en']) {
      cases.push([
        `diff ${format} ${lang}`,
        [
          'diff',
          'examples/corpus.ndjson',
          'BAD/mixed.ndjson',
          '--base',
          'rules',
          '--rules',
          'test/fixtures/rule-set',
          '--now',
          NOW,
          '--format',
          format,
          '--lang',
          lang,
        ],
      ]);
    }
  }
  cases.push(['diff same', ['diff', 'examples/corpus.ndjson', '--base', 'rules', '--now', NOW]]);
  for (const lang of ['zh-CN', 'en']) {
    cases.push([
      `batch corpus ${lang}`,
      ['batch', 'examples/corpus.ndjson', '--now', NOW, '--lang', lang, '--workers', '0'],
    ]);
  }
  cases.push([
    'batch corpus workers explain',
    ['batch', 'examples/corpus.ndjson', '--now', NOW, '--explain', '--workers', '2'],
  ]);
  cases.push(['batch mixed', ['batch', 'BAD/mixed.ndjson', '--now', NOW, '--workers', '0']]);
  cases.push(['batch mixed capturedAt', ['batch', 'BAD/mixed.ndjson', '--workers', '0']]);
  for (const format of ['json', 'md', 'csv', 'junit', 'html']) {
    for (const lang of ['zh-CN', 'en']) {
      cases.push([
        `report corpus ${format} ${lang}`,
        [
          'report',
          'examples/corpus.ndjson',
          '--now',
          NOW,
          '--format',
          format,
          '--lang',
          lang,
          '--max-accounts',
          '20',
        ],
      ]);
    }
  }
  cases.push([
    'report mixed json',
    ['report', 'BAD/mixed.ndjson', '--now', NOW, '--format', 'json'],
  ]);
  return cases;
}

async function cliOutputs(): Promise<Record<string, Output>> {
  const dir = await badDir();
  const outputs: Record<string, Output> = {};
  const cases = cliCases();
  const results = await inParallel(cases, 4, ([, args]) =>
    runCli(args.map((arg) => arg.replace(/^BAD\//, `${dir}/`))),
  );
  cases.forEach(([name], i) => {
    const { status, stdout, stderr } = results[i]!;
    const clean = (text: string) =>
      text.replaceAll(dir, 'BAD').replace(/ in \d+(\.\d+)? m?s \([\d,.]+\/s\)/g, ' in T');
    outputs[`cli: ${name}`] = { status, stdout: kept(clean(stdout)), stderr: kept(clean(stderr)) };
  });
  return outputs;
}

async function inParallel<T, R>(
  items: readonly T[],
  width: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await run(items[i]!);
      }
    }),
  );
  return results;
}

/** The HTTP service, in process through fastify's inject, built from dist like the CLI. */
async function httpOutputs(): Promise<Record<string, Output>> {
  const { createServer } = (await import(
    pathToFileURL(join(repoRoot, 'dist/server/index.js')).href
  )) as {
    createServer: (options: object) => Promise<{
      inject: (
        request: object,
      ) => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>;
      close: () => Promise<void>;
    }>;
  };
  const server = await createServer({ logStream: { write: () => true } });
  const corpus = readFileSync(join(repoRoot, 'examples/corpus.ndjson'), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(0, 200)
    .map((line) => JSON.parse(line) as object);
  const eligible = JSON.parse(
    readFileSync(join(repoRoot, 'examples/eligible.json'), 'utf8'),
  ) as object;
  const requests: Array<[string, object]> = [
    ['GET /v1/rules', { method: 'GET', url: '/v1/rules' }],
    ['GET /healthz', { method: 'GET', url: '/healthz' }],
    ['GET /openapi.json', { method: 'GET', url: '/openapi.json' }],
    ['GET /nowhere', { method: 'GET', url: '/nowhere' }],
    [
      'evaluate eligible',
      { method: 'POST', url: '/v1/evaluate', payload: { snapshot: eligible, now: NOW } },
    ],
    [
      'evaluate eligible en explain',
      {
        method: 'POST',
        url: '/v1/evaluate',
        payload: { snapshot: eligible, now: NOW, lang: 'en', explain: true },
      },
    ],
    [
      'evaluate corpus unbind',
      {
        method: 'POST',
        url: '/v1/evaluate',
        payload: { snapshot: corpus[0], now: NOW, unbind: 'card-1', explain: true },
      },
    ],
    [
      'evaluate bad snapshot',
      { method: 'POST', url: '/v1/evaluate', payload: { snapshot: { accountId: 3 }, now: NOW } },
    ],
    [
      'evaluate bad now',
      { method: 'POST', url: '/v1/evaluate', payload: { snapshot: eligible, now: 'soon' } },
    ],
    [
      'evaluate not json',
      {
        method: 'POST',
        url: '/v1/evaluate',
        headers: { 'content-type': 'application/json' },
        payload: '{"snapshot": ',
      },
    ],
    [
      'evaluate wrong type',
      {
        method: 'POST',
        url: '/v1/evaluate',
        headers: { 'content-type': 'text/plain' },
        payload: 'hello',
      },
    ],
    [
      'batch corpus',
      {
        method: 'POST',
        url: '/v1/evaluate/batch',
        payload: { items: corpus.map((snapshot) => ({ snapshot, now: NOW })) },
      },
    ],
    [
      'batch mixed en',
      {
        method: 'POST',
        url: '/v1/evaluate/batch',
        payload: {
          items: [eligible, { accountId: 1 }, corpus[1]].map((snapshot) => ({
            snapshot,
            now: NOW,
            lang: 'en',
          })),
        },
      },
    ],
  ];
  const outputs: Record<string, Output> = {};
  try {
    for (const [name, request] of requests) {
      const response = await server.inject(request);
      const type = String(response.headers['content-type'] ?? '');
      outputs[`http: ${name}`] = {
        status: response.statusCode,
        stdout: kept(response.body),
        stderr: type,
      };
    }
  } finally {
    await server.close();
  }
  return outputs;
}

describe('golden outputs', () => {
  it(
    'the CLI and the HTTP service answer byte for byte as recorded',
    { timeout: 300_000 },
    async () => {
      const actual = { ...(await cliOutputs()), ...(await httpOutputs()) };
      if (process.env.UPDATE_GOLDEN === '1') {
        writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 1)}\n`);
      }
      const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Output>;
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
      for (const name of Object.keys(expected)) expect(actual[name], name).toEqual(expected[name]);
    },
  );
});
