/**
 * Hostile snapshots, each a test: pathological nesting, huge arrays and texts, prototype keys,
 * YAML features that change meaning, timestamps at the ends of RFC 3339, money at 2^53.
 * Every one must end in a result or InvalidInputError with the documented code — never a crash,
 * an out-of-memory, a changed Object.prototype, or a pass that should be a fail.
 */
import { spawn } from 'node:child_process';
import { open, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  loadPolicy,
  type DiagnosticCode,
  type Policy,
} from '../../src/index.js';
import { cliPath, repoRoot, runCli, snapshot } from '../helpers.js';
import { expectPrototypeClean, expectValidResult, prototypeSnapshot } from './support.js';

let policy: Policy;
let cleanPrototype: string[];
beforeAll(async () => {
  policy = await loadPolicy();
  cleanPrototype = prototypeSnapshot();
});

const NOW = '2026-11-24T00:00:00Z';

async function refusal(run: () => Promise<unknown>): Promise<{
  code: DiagnosticCode;
  message: string;
  line: number | undefined;
  col: number | undefined;
}> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    const first = (error as InvalidInputError).diagnostics[0];
    if (!first) throw new Error('no diagnostics');
    return { code: first.code, message: first.message, line: first.line, col: first.col };
  }
  throw new Error('expected a refusal, got a result');
}

const refusedText = (text: string, format: 'json' | 'yaml') =>
  refusal(() => policy.evaluateText(text, { format, now: NOW }));

const VALID_YAML = `accountId: wxid_yaml
phone: "+86 1"
pay: {enabled: false, balanceFen: 0, pendingTransactions: 0, pendingRefunds: 0, bankCards: []}
authorizations: []
cancellation: null
`;

describe('nesting 10⁵ deep', () => {
  const DEEP = 100_000;
  const deepTexts: Array<[string, string, 'json' | 'yaml']> = [
    ['JSON arrays', `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`, 'json'],
    ['JSON objects', `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`, 'json'],
    ['YAML flow sequences', `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`, 'yaml'],
    ['YAML block sequences (- - - …)', `${'- '.repeat(DEEP)}x\n`, 'yaml'],
    [
      'YAML block mappings, one more indent per level (1,000 deep)',
      `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`,
      'yaml',
    ],
    [
      'YAML block sequences as an ignored extra field of a valid snapshot',
      `${VALID_YAML}extra:\n${'- '.repeat(DEEP)}x\n`,
      'yaml',
    ],
  ];

  it.each(deepTexts)(
    '%s: refused before parsing, twice in one process (unsupported-yaml)',
    async (_name, text, format) => {
      // The second refusal is the one that aborted Node 20 ("RegExpCompiler Allocation failed").
      for (let i = 0; i < 2; i++) {
        const problem = await refusedText(text, format);
        expect(problem.code).toBe('unsupported-yaml');
        expect(problem.message).toBe('nesting deeper than 64 levels is refused');
      }
    },
  );

  it('64 levels are accepted; 65 are not (the bound is exact, block and flow alike)', async () => {
    const nested = (depth: number) => `${VALID_YAML}extra:\n${'- '.repeat(depth - 1)}x\n`;
    expectValidResult(await policy.evaluateText(nested(64), { format: 'yaml', now: NOW }));
    expect((await refusedText(nested(65), 'yaml')).code).toBe('unsupported-yaml');
    const flow = (depth: number) =>
      JSON.stringify({
        ...snapshot(),
        extra: JSON.parse(`${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}`) as unknown,
      });
    expectValidResult(await policy.evaluateText(flow(64), { format: 'json', now: NOW }));
    expect((await refusedText(flow(65), 'json')).code).toBe('unsupported-yaml');
  });

  it('as a value: 10⁵ nested arrays and objects are refused as not plain data', async () => {
    let deepArray: unknown = 'leaf';
    let deepObject: unknown = 'leaf';
    for (let i = 0; i < DEEP; i++) {
      deepArray = [deepArray];
      deepObject = { a: deepObject };
    }
    for (const extra of [deepArray, deepObject])
      expect((await refusal(() => policy.evaluate({ ...snapshot(), extra }))).code).toBe('schema');
    const cyclic: Record<string, unknown> = { ...snapshot() };
    cyclic.self = cyclic;
    expect((await refusal(() => policy.evaluate(cyclic))).code).toBe('schema');
  });
});

describe('size', () => {
  it('10⁶-element arrays in a value evaluate (bank cards, an ignored extra field)', async () => {
    const bankCards = Array.from({ length: 1_000_000 }, (_, i) => ({ id: `card-${i}` }));
    const result = await policy.evaluate(snapshot({ pay: { bankCards } }), {
      now: NOW,
      unbind: 'card-999999',
    });
    expectValidResult(result);
    expect(result.policies.unbind?.consequences.map((c) => c.id)).toContain(
      'unbind.other-cards-usable',
    );
    expectValidResult(
      await policy.evaluate(
        { ...snapshot(), extra: new Array<number>(1_000_000).fill(0) },
        { now: NOW },
      ),
    );
  }, 30_000);

  it('a 10⁶-element array as text is over the 1 MiB document limit: refused (too-large)', async () => {
    const text = JSON.stringify({ ...snapshot(), extra: new Array<number>(1_000_000).fill(0) });
    expect(await refusedText(text, 'json')).toMatchObject({ code: 'too-large' });
  });

  it('a 100 MB snapshot text is refused by the size limit, fast, in the library', async () => {
    const head = JSON.stringify(snapshot()).slice(0, -1);
    const text = `${head},"padding":"${'x'.repeat(100 * 1024 * 1024)}"}`;
    const started = performance.now();
    const problem = await refusedText(text, 'json');
    expect(problem.code).toBe('too-large');
    expect(problem.message).toMatch(
      /^the text is \d+ bytes; at most 1048576 bytes \(1 MiB\) are accepted per document$/,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('just under the limit is accepted; multi-byte characters are counted in UTF-8 bytes', async () => {
    const base = JSON.stringify(snapshot()).slice(0, -1);
    const fill = (n: number, ch: string) => `${base},"p":"${ch.repeat(n)}"}`;
    const room = 1024 * 1024 - Buffer.byteLength(fill(0, 'x'));
    expectValidResult(await policy.evaluateText(fill(room, 'x'), { format: 'json', now: NOW }));
    expect((await refusedText(fill(room + 1, 'x'), 'json')).code).toBe('too-large');
    // 注 is 3 bytes in UTF-8 but one UTF-16 unit: a check on .length would let 3 MiB through.
    expect((await refusedText(fill(Math.floor(room / 3) + 1, '注'), 'json')).code).toBe(
      'too-large',
    );
  });

  it('the CLI refuses a 100 MB snapshot file and stdin without reading them whole: exit 2, nothing on stdout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-big-'));
    const file = join(dir, 'big.json');
    const handle = await open(file, 'w');
    await handle.write(JSON.stringify(snapshot()).slice(0, -1) + ',"padding":"');
    await handle.write(Buffer.alloc(100 * 1024 * 1024, 'x'));
    await handle.write('"}');
    await handle.close();
    const fromFile = await runCli(['evaluate', file, '--now', NOW, '--format', 'json']);
    expect(fromFile.status).toBe(2);
    expect(fromFile.stdout).toBe('');
    // Refused from its size on disk, before reading: the message is the reader's, not the parser's.
    expect(fromFile.stderr).toContain(
      'too-large: more than 1048576 bytes (1 MiB); a snapshot must be smaller',
    );
    const fromStdin = await cliWithHugeStdin(
      ['evaluate', '-', '--now', NOW],
      `${JSON.stringify(snapshot()).slice(0, -1)},"padding":"${'x'.repeat(100 * 1024 * 1024)}"}`,
    );
    expect(fromStdin.status).toBe(2);
    expect(fromStdin.stdout).toBe('');
    expect(fromStdin.stderr).toContain(
      'too-large: more than 1048576 bytes (1 MiB); a snapshot must be smaller',
    );
  }, 30_000);
});

describe('prototype keys anywhere never pollute and never supply a value', () => {
  const KEYS = ['__proto__', 'constructor', 'prototype'];
  const places = (key: string, payload: unknown) => [
    { ...snapshot(), [key]: payload },
    { ...snapshot(), pay: { ...snapshot().pay, [key]: payload } },
    snapshot({ pay: { bankCards: [{ id: 'c', [key]: payload }] } }),
    { ...snapshot(), authorizations: [{ id: 'a', kind: 'app', name: 'n', [key]: payload }] },
    {
      ...snapshot(),
      cancellation: { requestedAt: '2026-11-01T00:00:00Z', firstLoginAt: null, [key]: payload },
    },
  ];
  const payload = {
    polluted: true,
    isAdmin: true,
    enabled: false,
    balanceFen: 0,
    prototype: { polluted: true },
  };

  it.each(KEYS)('%s as a key in every object, as JSON text, YAML text and a value', async (key) => {
    for (const value of places(key, payload)) {
      // JSON.stringify drops a computed __proto__ key's special meaning: write it by hand.
      const json = JSON.stringify(value);
      const results = [
        await policy.evaluateText(json, { format: 'json', now: NOW }),
        await policy.evaluate(JSON.parse(json), { now: NOW }),
      ];
      const yaml = json; // JSON is YAML 1.2: the same text through the YAML reader
      results.push(await policy.evaluateText(yaml, { format: 'yaml', now: NOW }));
      for (const result of results) {
        expectValidResult(result);
        expect(JSON.stringify(result)).toBe(JSON.stringify(results[0]));
      }
      expectPrototypeClean(cleanPrototype);
    }
  });

  it('an inherited value cannot stand in for a missing field (own properties only)', async () => {
    const pay =
      '{"__proto__":{"enabled":false,"balanceFen":0,"pendingTransactions":0,"pendingRefunds":0,"bankCards":[]}}';
    const text = `{"accountId":"x","phone":null,"pay":${pay},"authorizations":[],"cancellation":null}`;
    for (const format of ['json', 'yaml'] as const)
      expect((await refusedText(text, format)).code).toBe('schema');
    expect((await refusal(() => policy.evaluate(JSON.parse(text)))).code).toBe('schema');
    const inherited = Object.create({
      enabled: false,
      balanceFen: 0,
      pendingTransactions: 0,
      pendingRefunds: 0,
      bankCards: [],
    }) as object;
    expect((await refusal(() => policy.evaluate({ ...snapshot(), pay: inherited }))).code).toBe(
      'schema',
    );
    expectPrototypeClean(cleanPrototype);
  });
});

describe('YAML features that would change meaning are refused', () => {
  const cases: Array<[string, string, DiagnosticCode]> = [
    [
      'an alias bomb (billion laughs)',
      `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n${VALID_YAML}`,
      'unsupported-yaml',
    ],
    [
      'a %YAML 1.1 directive (no would be false)',
      `%YAML 1.1\n---\n${VALID_YAML.replace('enabled: false', 'enabled: no')}`,
      'unsupported-yaml',
    ],
    ['a %YAML 1.2 directive', `%YAML 1.2\n---\n${VALID_YAML}`, 'unsupported-yaml'],
    [
      'a custom tag',
      VALID_YAML.replace('accountId: wxid_yaml', 'accountId: !js/function "return 1"'),
      'unsupported-yaml',
    ],
    [
      '!!binary',
      VALID_YAML.replace('accountId: wxid_yaml', 'accountId: !!binary aGVsbG8='),
      'unsupported-yaml',
    ],
    [
      '!!timestamp',
      `${VALID_YAML}capturedAt: !!timestamp 2026-11-01T00:00:00Z\n`,
      'unsupported-yaml',
    ],
    [
      '!!str on a number',
      VALID_YAML.replace('balanceFen: 0', 'balanceFen: !!int "0"'),
      'unsupported-yaml',
    ],
    ['a duplicate key', `${VALID_YAML}accountId: other\n`, 'duplicate-key'],
    [
      'a duplicate key inside pay',
      VALID_YAML.replace('enabled: false,', 'enabled: false, enabled: true,'),
      'duplicate-key',
    ],
    [
      'a JSON duplicate key',
      JSON.stringify(snapshot()).replace('"enabled":false', '"enabled":true,"enabled":false'),
      'duplicate-key',
    ],
    ['two documents', `${VALID_YAML}---\n${VALID_YAML}`, 'syntax'],
    [
      'enabled: no in YAML 1.2 (a string, not false)',
      VALID_YAML.replace('enabled: false', 'enabled: no'),
      'schema',
    ],
  ];
  it.each(cases)('%s → %s', async (_name, text, code) => {
    expect((await refusedText(text, 'yaml')).code).toBe(code);
    expectPrototypeClean(cleanPrototype);
  });

  it('merge keys are plain keys: `<<` never fills in fields (so a pay made only of a merge is refused)', async () => {
    const merged = `defaults: &defaults {enabled: false, balanceFen: 0, pendingTransactions: 0, pendingRefunds: 0, bankCards: []}\naccountId: m\nphone: null\npay:\n  <<: *defaults\nauthorizations: []\ncancellation: null\n`;
    expect((await refusedText(merged, 'yaml')).code).toBe('schema');
    // An override through a merge must not be able to flip a field either.
    const override = `over: &over {enabled: false}\n${VALID_YAML.replace('pay: {enabled: false', 'pay: {<<: *over, enabled: true')}`;
    const result = await policy.evaluateText(override, { format: 'yaml', now: NOW });
    expect(result.policies.cancel.reasons.map((r) => r.rule)).toEqual(['cancel.pay-closed']);
  });

  it('a few aliases within the bound still read as plain data', async () => {
    const text = `name: &n Meituan\n${VALID_YAML.replace('authorizations: []', 'authorizations: [{id: a1, kind: app, name: *n}]')}`;
    const result = await policy.evaluateText(text, { format: 'yaml', now: NOW, lang: 'en' });
    expect(result.policies.cancel.reasons[0]?.message).toContain('Meituan');
  });
});

describe('timestamps at the limits of RFC 3339', () => {
  const at = (capturedAt: string, extra: Record<string, unknown> = {}) => ({
    ...snapshot({ capturedAt }),
    ...extra,
  });

  it('the first and last instants RFC 3339 can write evaluate', async () => {
    for (const [time, iso] of [
      ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
      ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
      ['0000-01-01T23:59:00+23:59', '0000-01-01T00:00:00.000Z'],
      ['9999-12-31T00:00:59.999-23:59', '9999-12-31T23:59:59.999Z'],
    ]) {
      const result = await policy.evaluate(at(time as string));
      expectValidResult(result);
      expect(result.evaluatedAt).toBe(iso);
    }
  });

  it.each([
    ['0000-01-01T00:00:00+23:59', 'a day before year 0000 in UTC'],
    ['9999-12-31T23:59:59.999-23:59', 'past year 9999 in UTC'],
    ['9999-12-31T23:59:60Z', 'a leap second that lands in year 10000'],
  ])('%s (%s) is refused (time-out-of-range), not printed as "+010000-…"', async (time) => {
    expect((await refusal(() => policy.evaluate(at(time)))).code).toBe('time-out-of-range');
    expect(
      (
        await refusal(() =>
          policy.evaluate(snapshot({ capturedAt: '2026-01-01T00:00:00Z' }), { now: time }),
        )
      ).code,
    ).toBe('time-out-of-range');
  });

  it('a cooling-off end or phone release past year 9999 is refused; one just inside evaluates', async () => {
    const cancellation = (requestedAt: string) => ({
      cancellation: { requestedAt, firstLoginAt: null },
    });
    expect(
      (
        await refusal(() =>
          policy.evaluate(at('9999-12-31T00:00:00Z', cancellation('9999-12-30T00:00:00Z'))),
        )
      ).code,
    ).toBe('time-out-of-range');
    expect(
      (
        await refusal(() =>
          policy.evaluate(at('9999-12-31T00:00:00Z', cancellation('9999-11-30T00:00:00Z'))),
        )
      ).code,
    ).toBe('time-out-of-range');
    const inside = await policy.evaluate(
      at('9999-12-31T00:00:00Z', cancellation('9999-11-16T23:59:59.999Z')),
    );
    expectValidResult(inside);
    expect(inside.lifecycle).toMatchObject({
      state: 'cancelled',
      phoneReleasedAt: '9999-12-31T23:59:59.999Z',
    });
    // Withdrawn or still cooling off: the phone release is never printed, so it may lie beyond.
    expectValidResult(
      await policy.evaluate(
        at('9999-12-31T00:00:00Z', {
          cancellation: {
            requestedAt: '9999-12-16T00:00:01Z',
            firstLoginAt: '9999-12-20T00:00:00Z',
          },
        }),
      ),
    );
  });

  it('Feb 29 only in leap years, hour 24 and offsets past ±23:59 are refused', async () => {
    expectValidResult(await policy.evaluate(at('2024-02-29T00:00:00Z')));
    for (const time of [
      '2026-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T00:00:00+24:00',
      '2026-01-01T00:00:00+23:60',
      '+002026-01-01T00:00:00Z',
      '2026-01-01T00:00:00',
    ]) {
      expect((await refusal(() => policy.evaluate(at(time)))).code, time).toBe('schema');
    }
  });

  it('offsets without a colon, a space or tab for T are refused, not misread (regression: fuzz)', async () => {
    // "+00" reached Date.parse as NaN (an internal error, exit 1); "0000-01-01 00:00:00Z" was read as 2000.
    for (const time of [
      '2026-11-24T10:00:00+00',
      '2026-11-24T10:00:00+0000',
      '2026-11-24T10:00:00+0530',
      '0000-01-01 00:00:00Z',
      '2026-11-24\t10:00:00Z',
      '2026-11-24 10:00:00Z',
    ]) {
      expect((await refusal(() => policy.evaluate(at(time)))).code, time).toBe('schema');
      expect(
        (await refusal(() => policy.evaluate(at('2026-01-01T00:00:00Z'), { now: time }))).code,
        time,
      ).toBe('usage');
      expect(
        (
          await refusal(() =>
            policy.evaluate({
              ...at('2026-11-24T10:00:00Z'),
              cancellation: { requestedAt: time, firstLoginAt: null },
            }),
          )
        ).code,
        time,
      ).toBe('schema');
    }
    // Lower-case t and z are RFC 3339 and read correctly.
    expect((await policy.evaluate(at('0000-01-01t00:00:00z'))).evaluatedAt).toBe(
      '0000-01-01T00:00:00.000Z',
    );
  });
});

describe('money at Number.MAX_SAFE_INTEGER and beyond', () => {
  it('2^53 − 1 fen evaluates and is shown exactly (¥90071992547409.91)', async () => {
    const result = await policy.evaluate(
      snapshot({
        pay: { balanceFen: Number.MAX_SAFE_INTEGER, pendingTransactions: Number.MAX_SAFE_INTEGER },
      }),
      { now: NOW, lang: 'en' },
    );
    expectValidResult(result);
    expect(result.policies.cancel.reasons.map((r) => r.rule)).toEqual([
      'cancel.balance-zero',
      'cancel.no-pending-transactions',
    ]);
    expect(result.policies.cancel.reasons[0]?.message).toContain('¥90071992547409.91');
  });

  it.each([
    ['2^53', '9007199254740992'],
    ['2^53 + 1 (JSON.parse rounds it to 2^53)', '9007199254740993'],
    ['1e400 (Infinity)', '1e400'],
    ['-0.5', '-0.5'],
    ['1e-7', '1e-7'],
    ['-1', '-1'],
  ])('%s is refused by the schema, in JSON text', async (_name, literal) => {
    const text = JSON.stringify(snapshot()).replace('"balanceFen":0', `"balanceFen":${literal}`);
    expect((await refusedText(text, 'json')).code).toBe('schema');
  });

  it('YAML 1.2 core reads 0x10 and 0o20 as the integer 16 (the spec names the core schema)', async () => {
    for (const literal of ['0x10', '0o20']) {
      const result = await policy.evaluateText(
        VALID_YAML.replace('balanceFen: 0', `balanceFen: ${literal}`),
        { format: 'yaml', now: NOW, lang: 'en' },
      );
      expect(result.policies.cancel.reasons[0]?.message).toContain('¥0.16');
    }
  });

  it.each(['.inf', '-.inf', '.nan', '1_000', '9007199254740993', '1.5', '"0"'])(
    'YAML %s is refused',
    async (literal) => {
      const text = VALID_YAML.replace('balanceFen: 0', `balanceFen: ${literal}`);
      const problem = await refusedText(text, 'yaml');
      expect(['schema'], `${literal}: ${problem.message}`).toContain(problem.code);
    },
  );

  it('values beyond 2^53 are refused as values too (BigInt, Infinity, NaN)', async () => {
    for (const balanceFen of [
      Number.MAX_SAFE_INTEGER + 1,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      2n ** 64n,
      Number.MAX_VALUE,
    ]) {
      const problem = await refusal(() =>
        policy.evaluate({ ...snapshot(), pay: { ...snapshot().pay, balanceFen } }),
      );
      expect(problem.code).toBe('schema');
    }
  });
});

/** The CLI with a stdin it may stop reading early (the helper's stdin would raise EPIPE then). */
function cliWithHugeStdin(
  args: string[],
  stdin: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => undefined); // refused early: the pipe closes under us, as it should
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
