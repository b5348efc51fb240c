/**
 * Bad input (SPEC §1): every case is refused with an InvalidInputError whose first diagnostic
 * says what is wrong (code, message) and where (JSON pointer; line:col when read from text),
 * both for a value given to `policy.evaluate` and for text given to `policy.evaluateText`.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  loadPolicy,
  type Diagnostic,
  type DiagnosticCode,
  type EvaluateOptions,
  type EvaluateTextOptions,
} from '../src/index.js';
import { snapshot } from './helpers.js';

const policy = await loadPolicy();

/** The helper's default snapshot, as YAML; one line per field. */
const BASE_YAML = `accountId: wxid_test
capturedAt: 2026-11-24T00:00:00Z
phone: "+86 138 0000 0000"
pay:
  enabled: false
  balanceFen: 0
  pendingTransactions: 0
  pendingRefunds: 0
  bankCards: []
authorizations: []
cancellation: null
`;

/** BASE_YAML with one whole line replaced ('' removes it). */
function yamlWith(line: string, replacement: string): string {
  const lines = BASE_YAML.split('\n');
  const index = lines.indexOf(line);
  if (index < 0) throw new Error(`BASE_YAML has no line ${JSON.stringify(line)}`);
  lines.splice(index, 1, ...(replacement === '' ? [] : [replacement]));
  return lines.join('\n');
}

/** 1-based line and column where `needle`, which must occur once, starts in `text`. */
function positionOf(text: string, needle: string): { line: number; col: number } {
  const offset = text.indexOf(needle);
  if (offset < 0 || text.indexOf(needle, offset + 1) >= 0)
    throw new Error(`${JSON.stringify(needle)} must occur exactly once`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
}

/** The first diagnostic of the InvalidInputError that `run` throws or rejects with. */
async function firstDiagnostic(run: () => Promise<unknown>): Promise<Diagnostic> {
  const error: unknown = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  expect(error).toBeInstanceOf(InvalidInputError);
  const [first] = (error as InvalidInputError).diagnostics;
  if (first === undefined) throw new Error('InvalidInputError without diagnostics');
  return first;
}

function withoutField(value: object, ...path: string[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  delete at[path.at(-1) ?? ''];
  return copy;
}

interface BadInput {
  name: string;
  code: DiagnosticCode;
  /** Expected JSON pointer; undefined when the problem is not in one field. */
  pointer: string | undefined;
  /** A part of the expected message. */
  message: string;
  /** The snapshot as a value, for policy.evaluate; absent for text-only problems. */
  value?: unknown;
  /** The snapshot as text, for policy.evaluateText; absent for value-only problems. */
  text?: string;
  textOptions?: EvaluateTextOptions;
  /** Where in `text` the diagnostic must point (the first character of this unique string). */
  at?: string;
  options?: EvaluateOptions;
}

const COOLING_OFF_YAML = (requestedAt: string, firstLoginAt: string): string =>
  yamlWith(
    'cancellation: null',
    `cancellation:\n  requestedAt: ${requestedAt}\n  firstLoginAt: ${firstLoginAt}`,
  );

const ALIAS_BOMB = `${BASE_YAML}extra:
  a: &a [x, x, x, x, x, x, x, x, x, x]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
`;

const DEEP = `${'['.repeat(200)}${']'.repeat(200)}`;

const cases: BadInput[] = [
  {
    name: 'a missing top-level field (cancellation must be given, even as null)',
    value: withoutField(snapshot(), 'cancellation'),
    text: yamlWith('cancellation: null', ''),
    at: 'accountId: wxid_test',
    code: 'schema',
    pointer: '/cancellation',
    message: 'is required but missing',
  },
  {
    name: 'a missing nested field',
    value: withoutField(snapshot(), 'pay', 'pendingRefunds'),
    text: yamlWith('  pendingRefunds: 0', ''),
    at: 'enabled: false',
    code: 'schema',
    pointer: '/pay/pendingRefunds',
    message: 'is required but missing',
  },
  {
    name: 'a phone number written as a number',
    value: { ...snapshot(), phone: 13800000000 },
    text: yamlWith('phone: "+86 138 0000 0000"', 'phone: 13800000000'),
    at: '13800000000',
    code: 'schema',
    pointer: '/phone',
    message: 'must be a string or null, got 13800000000',
  },
  {
    name: 'YAML `enabled: no`, a string under YAML 1.2',
    value: snapshot({ pay: { enabled: 'no' as unknown as boolean } }),
    text: yamlWith('  enabled: false', '  enabled: no'),
    at: 'no',
    code: 'schema',
    pointer: '/pay/enabled',
    message: 'must be true or false, got "no"',
  },
  {
    name: 'negative money',
    value: snapshot({ pay: { balanceFen: -1 } }),
    text: yamlWith('  balanceFen: 0', '  balanceFen: -1'),
    at: '-1\n',
    code: 'schema',
    pointer: '/pay/balanceFen',
    message: 'got -1',
  },
  {
    name: 'fractional money',
    value: snapshot({ pay: { balanceFen: 12.5 } }),
    text: yamlWith('  balanceFen: 0', '  balanceFen: 12.5'),
    at: '12.5',
    code: 'schema',
    pointer: '/pay/balanceFen',
    message: 'must be an integer, got 12.5',
  },
  {
    name: 'money above Number.MAX_SAFE_INTEGER',
    value: snapshot({ pay: { pendingTransactions: Number.MAX_SAFE_INTEGER + 1 } }),
    text: yamlWith('  pendingTransactions: 0', '  pendingTransactions: 9007199254740992'),
    at: '9007199254740992',
    code: 'schema',
    pointer: '/pay/pendingTransactions',
    message: '9007199254740991',
  },
  {
    name: 'an unknown authorization kind',
    value: { ...snapshot(), authorizations: [{ id: 'a1', kind: 'game', name: 'X' }] },
    text: yamlWith('authorizations: []', 'authorizations: [{id: a1, kind: game, name: X}]'),
    at: 'game',
    code: 'schema',
    pointer: '/authorizations/0/kind',
    message:
      'must be one of "app", "mini_program", "official_account_admin", "wecom", "open_platform", got "game"',
  },
  {
    name: 'a timestamp without a zone offset',
    value: snapshot({ capturedAt: '2026-11-24T00:00:00' }),
    text: yamlWith('capturedAt: 2026-11-24T00:00:00Z', 'capturedAt: 2026-11-24T00:00:00'),
    at: '2026-11-24T00:00:00',
    code: 'schema',
    pointer: '/capturedAt',
    message: 'must be an RFC 3339 date-time with a zone offset',
  },
  {
    name: 'February 30',
    value: snapshot({ cancellation: { requestedAt: '2026-02-30T00:00:00Z', firstLoginAt: null } }),
    text: COOLING_OFF_YAML('2026-02-30T00:00:00Z', 'null'),
    at: '2026-02-30',
    code: 'schema',
    pointer: '/cancellation/requestedAt',
    message: 'got "2026-02-30T00:00:00Z"',
  },
  {
    name: 'a binding id used by a bank card and an authorization',
    value: snapshot({
      pay: { bankCards: [{ id: 'b1' }] },
      authorizations: [{ id: 'b1', kind: 'app', name: 'X' }],
    }),
    text: yamlWith('  bankCards: []', '  bankCards: [{id: b1}]').replace(
      'authorizations: []',
      'authorizations: [{id: b1, kind: app, name: X}]',
    ),
    at: 'b1, kind',
    code: 'duplicate-binding-id',
    pointer: '/authorizations/0/id',
    message: 'binding id "b1" is already used at /pay/bankCards/0/id',
  },
  {
    name: 'capturedAt after an explicit now',
    value: snapshot(),
    text: BASE_YAML,
    options: { now: '2026-11-23T23:59:59.999Z' },
    at: '2026-11-24T00:00:00Z',
    code: 'inconsistent-time',
    pointer: '/capturedAt',
    message: 'must not be after the evaluation time 2026-11-23T23:59:59.999Z',
  },
  {
    name: 'requestedAt after now',
    value: snapshot({
      cancellation: { requestedAt: '2026-11-24T00:00:00.001Z', firstLoginAt: null },
    }),
    text: COOLING_OFF_YAML('2026-11-24T00:00:00.001Z', 'null'),
    at: '2026-11-24T00:00:00.001Z',
    code: 'inconsistent-time',
    pointer: '/cancellation/requestedAt',
    message: 'must not be after the evaluation time 2026-11-24T00:00:00.000Z',
  },
  {
    name: 'firstLoginAt after now',
    value: snapshot({
      cancellation: { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: '2026-11-25T00:00:00Z' },
    }),
    text: COOLING_OFF_YAML('2026-11-20T00:00:00Z', '2026-11-25T00:00:00Z'),
    at: '2026-11-25T00:00:00Z',
    code: 'inconsistent-time',
    pointer: '/cancellation/firstLoginAt',
    message: 'must not be after the evaluation time',
  },
  {
    name: 'firstLoginAt before requestedAt',
    value: snapshot({
      cancellation: { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: '2026-11-19T23:59:59Z' },
    }),
    text: COOLING_OFF_YAML('2026-11-20T00:00:00Z', '2026-11-19T23:59:59Z'),
    at: '2026-11-19T23:59:59Z',
    code: 'inconsistent-time',
    pointer: '/cancellation/firstLoginAt',
    message: 'must be after requestedAt',
  },
  {
    name: 'firstLoginAt after the cooling-off period ended',
    value: snapshot({
      cancellation: { requestedAt: '2026-11-01T00:00:00Z', firstLoginAt: '2026-11-16T00:00:00Z' },
    }),
    text: COOLING_OFF_YAML('2026-11-01T00:00:00Z', '2026-11-16T00:00:00Z'),
    at: '2026-11-16T00:00:00Z',
    code: 'inconsistent-time',
    pointer: '/cancellation/firstLoginAt',
    message: 'must be before the end of the 15-day cooling-off period 2026-11-16T00:00:00.000Z',
  },
  {
    name: 'a now option that is not an RFC 3339 date-time with offset',
    value: snapshot(),
    text: BASE_YAML,
    options: { now: '2026-11-24 08:00' },
    code: 'usage',
    pointer: undefined,
    message: 'now: must be an RFC 3339 date-time with a zone offset',
  },
  {
    name: 'a now option that is an invalid Date',
    value: snapshot(),
    text: BASE_YAML,
    options: { now: new Date(Number.NaN) },
    code: 'usage',
    pointer: undefined,
    message: 'now: must be a valid Date',
  },
  {
    name: 'an empty unbind option',
    value: snapshot(),
    text: BASE_YAML,
    options: { unbind: '' },
    code: 'usage',
    pointer: undefined,
    message: 'unbind: must be a binding id',
  },
  {
    name: 'a snapshot holding a function, which is not plain data',
    value: { ...snapshot(), accountId: () => 'wxid_test' },
    code: 'schema',
    pointer: '/accountId',
    message: 'must be plain data',
  },
  {
    name: 'a duplicate YAML key',
    text: `${BASE_YAML}phone: "+86 139 0000 0000"\n`,
    at: 'phone: "+86 139',
    code: 'duplicate-key',
    pointer: '/phone',
    message: 'appears twice',
  },
  {
    name: 'a duplicate JSON key (format json)',
    text: JSON.stringify(snapshot()).replace(
      '"accountId":"wxid_test"',
      '"accountId":"wxid_test","accountId":"wxid_other"',
    ),
    textOptions: { format: 'json' },
    at: '"accountId":"wxid_other"',
    code: 'duplicate-key',
    pointer: '/accountId',
    message: 'appears twice',
  },
  {
    name: 'invalid JSON syntax',
    text: '{\n  "accountId": "wxid_test",\n}\n',
    textOptions: { file: 'x.json' },
    at: '}',
    code: 'syntax',
    pointer: undefined,
    message: 'invalid JSON',
  },
  {
    name: 'invalid YAML syntax',
    text: yamlWith('authorizations: []', 'authorizations: [{id: a1'),
    at: 'cancellation',
    code: 'syntax',
    pointer: undefined,
    message: 'Flow map',
  },
  {
    name: 'a %YAML 1.1 directive',
    text: `%YAML 1.1\n---\n${BASE_YAML}`,
    at: '%YAML',
    code: 'unsupported-yaml',
    pointer: undefined,
    message: '%YAML directive',
  },
  {
    name: 'a custom tag !foo',
    text: yamlWith('accountId: wxid_test', 'accountId: !foo wxid_test'),
    at: '!foo',
    code: 'unsupported-yaml',
    pointer: undefined,
    message: '!foo',
  },
  {
    name: 'a !!binary tag',
    text: yamlWith('accountId: wxid_test', 'accountId: !!binary d3hpZF90ZXN0'),
    at: 'd3hpZF90ZXN0',
    code: 'unsupported-yaml',
    pointer: undefined,
    message: 'binary',
  },
  {
    name: 'aliases expanding to too many nodes',
    text: ALIAS_BOMB,
    code: 'unsupported-yaml',
    pointer: undefined,
    message: 'aliases expand to too many nodes',
  },
  {
    name: 'flow collections nested 200 levels deep',
    text: `${BASE_YAML}extra: ${DEEP}\n`,
    // The first bracket beyond the 64 accepted levels: the mapping holding `extra` is level 1,
    // so bracket 64 is level 65.
    at: `${'['.repeat(137)}${']'}`,
    code: 'unsupported-yaml',
    pointer: undefined,
    message: 'nesting deeper than',
  },
];

describe('policy.evaluate refuses bad input', () => {
  it.each(cases.filter((c) => 'value' in c))(
    '$name',
    async ({ value, options, code, pointer, message }) => {
      const diagnostic = await firstDiagnostic(() => policy.evaluate(value, options));
      expect({
        code: diagnostic.code,
        pointer: diagnostic.pointer,
        line: diagnostic.line,
        col: diagnostic.col,
      }).toEqual({ code, pointer, line: undefined, col: undefined });
      expect(diagnostic.message).toContain(message);
    },
  );
});

describe('policy.evaluateText refuses bad input', () => {
  it.each(cases.filter((c) => c.text !== undefined))(
    '$name',
    async ({ text = '', textOptions, at, options, code, pointer, message }) => {
      const diagnostic = await firstDiagnostic(() =>
        policy.evaluateText(text, { file: 'x.yaml', ...textOptions, ...options }),
      );
      expect({ code: diagnostic.code, pointer: diagnostic.pointer }).toEqual({ code, pointer });
      if (at !== undefined)
        expect({ line: diagnostic.line, col: diagnostic.col }).toEqual(positionOf(text, at));
      expect(diagnostic.message).toContain(message);
    },
  );

  it('names the file it was given', async () => {
    const diagnostic = await firstDiagnostic(() =>
      policy.evaluateText(yamlWith('  balanceFen: 0', '  balanceFen: -1'), {
        file: 'accounts/wxid_test.yaml',
      }),
    );
    expect(diagnostic.file).toBe('accounts/wxid_test.yaml');
  });
});

describe('non-plain data', () => {
  it('is refused by a rejected promise, not a synchronous throw', async () => {
    let evaluation: Promise<unknown> | undefined;
    expect(() => {
      evaluation = policy.evaluate({ ...snapshot(), accountId: () => 'wxid_test' });
    }).not.toThrow();
    await expect(evaluation).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('the private copy of a snapshot value', () => {
  it('keeps an own __proto__ key as data: it is ignored, and pollutes nothing', async () => {
    const hostile = JSON.parse(
      `{"__proto__": {"polluted": true}, ${JSON.stringify(snapshot()).slice(1)}`,
    ) as object;
    const result = await policy.evaluate(hostile, { now: '2026-11-25T00:00:00Z' });
    expect(result.accountId).toBe('wxid_test');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses Dates and class instances, naming where', async () => {
    await expect(policy.evaluate({ ...snapshot(), capturedAt: new Date() })).rejects.toMatchObject({
      diagnostics: [{ code: 'schema', pointer: '/capturedAt' }],
    });
    await expect(policy.evaluate({ ...snapshot(), pay: new Map() })).rejects.toMatchObject({
      diagnostics: [{ code: 'schema', pointer: '/pay' }],
    });
  });

  it('reads a getter once, so what is validated is what is evaluated', async () => {
    let reads = 0;
    const tricky = { ...snapshot() } as Record<string, unknown>;
    Object.defineProperty(tricky, 'accountId', {
      enumerable: true,
      get: () => (reads++ === 0 ? 'wxid_first' : 42),
    });
    const result = await policy.evaluate(tricky, { now: '2026-11-25T00:00:00Z' });
    expect(result.accountId).toBe('wxid_first');
    expect(reads).toBe(1);
  });

  it('refuses nesting deeper than 64 levels without a stack overflow', async () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    await expect(policy.evaluate({ ...snapshot(), extra: deep })).rejects.toMatchObject({
      diagnostics: [{ code: 'schema', message: expect.stringContaining('nesting deeper than 64') }],
    });
  });
});

describe('valid input', () => {
  const extras = {
    nickname: 'ignored',
    pay: {
      enabled: false,
      balanceFen: 0,
      pendingTransactions: 0,
      pendingRefunds: 0,
      bankCards: [{ id: 'card-1', color: 'gold' }],
      currency: 'CNY',
    },
    authorizations: [{ id: 'auth-1', kind: 'app', name: '美团外卖', scopes: ['profile'] }],
    cancellation: { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: null, channel: 'app' },
  };

  it('ignores unknown extra fields', async () => {
    const plain = snapshot({
      pay: { bankCards: [{ id: 'card-1' }] },
      authorizations: [{ id: 'auth-1', kind: 'app', name: '美团外卖' }],
      cancellation: { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: null },
    });
    const withExtras = { ...snapshot(), ...extras };
    expect(await policy.evaluate(withExtras, { unbind: 'card-1' })).toStrictEqual(
      await policy.evaluate(plain, { unbind: 'card-1' }),
    );
  });

  it('gives the identical result for the same snapshot as YAML, as JSON text and as a value', async () => {
    const value = snapshot({
      capturedAt: '2026-11-24T08:00:00+08:00',
      phone: null,
      pay: {
        enabled: true,
        balanceFen: 1250,
        bankCards: [{ id: 'card-1', bank: '招商银行', last4: '0042' }],
      },
      authorizations: [
        { id: 'auth-1', kind: 'app', name: '美团外卖' },
        { id: 'auth-2', kind: 'wecom', name: 'Acme' },
      ],
      cancellation: { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: null },
    });
    const yaml = `# a comment
accountId: wxid_test
capturedAt: 2026-11-24T08:00:00+08:00
phone: null
pay:
  enabled: true
  balanceFen: 1250
  pendingTransactions: 0
  pendingRefunds: 0
  bankCards:
    - id: card-1
      bank: 招商银行
      last4: "0042"
authorizations:
  - {id: auth-1, kind: app, name: 美团外卖}
  - {id: auth-2, kind: wecom, name: Acme}
cancellation:
  requestedAt: 2026-11-20T00:00:00Z
  firstLoginAt: ~
`;
    const options = { unbind: 'card-1', lang: 'en' } as const;
    const fromYaml = await policy.evaluateText(yaml, { file: 's.yaml', ...options });
    const fromJson = await policy.evaluateText(JSON.stringify(value, null, 2), {
      file: 's.json',
      ...options,
    });
    const fromValue = await policy.evaluate(value, options);
    expect(fromYaml).toStrictEqual(fromJson);
    expect(fromJson).toStrictEqual(fromValue);
    expect(JSON.stringify(fromYaml)).toBe(JSON.stringify(fromJson));
    expect(fromYaml.lifecycle.state).toBe('cooling_off');
  });
});
