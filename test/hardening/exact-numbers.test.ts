/**
 * Issue 13 item 2: where the schema says integer, a number whose text the parser would round is
 * refused, quoting the text — never rounded into a pass. `1e-400` would read as 0 and let cancel
 * pass with money in the wallet. Through the library (JSON and YAML), the CLI, and batch, where
 * such a line is that line's error and the others go on.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, loadPolicy, type Policy } from '../../src/index.js';
import { runCli } from '../helpers.js';

const NOW = '2026-11-24T00:00:00Z';
const json = (balance: string, extra = '') =>
  `{"accountId":"wxid_n","phone":null,"pay":{"enabled":false,"balanceFen":${balance},"pendingTransactions":0,"pendingRefunds":0,"bankCards":[]},"authorizations":[],"cancellation":null${extra}}`;
const yaml = (balance: string) =>
  `accountId: wxid_n\nphone: null\npay: {enabled: false, balanceFen: ${balance}, pendingTransactions: 0, pendingRefunds: 0, bankCards: []}\nauthorizations: []\ncancellation: null\n`;

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

async function refusal(text: string, format: 'json' | 'yaml') {
  try {
    await policy.evaluateText(text, { format, now: NOW });
  } catch (error) {
    if (error instanceof InvalidInputError) return error.diagnostics[0]!;
    throw error;
  }
  throw new Error(`accepted: ${text}`);
}

describe('integers are read exactly or refused', () => {
  it.each([
    ['1e-400', '0'],
    ['4503599627370496.5', '4503599627370496'],
    ['1e400', 'Infinity'],
    ['1.0', '1'],
    ['1e2', '100'],
    ['9007199254740993', '9007199254740992'],
    ['-0.0', '0'],
  ])('JSON %s is refused at /pay/balanceFen, quoting the text', async (text, read) => {
    const problem = await refusal(json(text), 'json');
    expect(problem).toMatchObject({
      code: 'schema',
      pointer: '/pay/balanceFen',
      line: 1,
      message: `must be an integer written exactly (no fraction or exponent, at most 9007199254740991), got ${text}: it would be read as ${read}`,
    });
  });

  it.each(['1e-400', '4503599627370496.5', '1.0', '.inf', '9007199254740993'])(
    'YAML %s is refused the same way',
    async (text) => {
      const problem = await refusal(yaml(text), 'yaml');
      expect(problem).toMatchObject({
        code: 'schema',
        pointer: '/pay/balanceFen',
        line: 3,
        col: 35,
      });
      expect(problem.message).toContain(`got ${text}: it would be read as`);
    },
  );

  it('exact integers, YAML hex among them, still decide; a rounded number in an ignored field is left alone', async () => {
    const plain = await policy.evaluateText(json('1250', ',"extra":1e-400'), {
      format: 'json',
      now: NOW,
      lang: 'en',
    });
    expect(plain.policies.cancel.reasons.map((r) => r.rule)).toEqual(['cancel.balance-zero']);
    const big = await policy.evaluateText(json('9007199254740991'), { format: 'json', now: NOW });
    expect(big.policies.cancel.outcome).toBe('fail');
    const hex = await policy.evaluateText(yaml('0x10'), { format: 'yaml', now: NOW, lang: 'en' });
    expect(hex.policies.cancel.reasons[0]?.message).toContain('¥0.16');
    // a real fraction is the schema's to refuse, with its own message
    expect((await refusal(json('1.5'), 'json')).message).toBe('must be an integer, got 1.5');
  });

  it("the CLI exits 2 naming file:line:col; batch makes it that line's error and goes on", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-numbers-'));
    const file = join(dir, 'tiny.json');
    await writeFile(file, json('1e-400'));
    const run = await runCli(['evaluate', file, '--now', NOW]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `${file}:1:72: schema: /pay/balanceFen: must be an integer written exactly`,
    );
    const lines = join(dir, 'lines.ndjson');
    await writeFile(lines, `${json('0')}\n${json('1e-400')}\n${json('7')}\n`);
    const batch = await runCli(['batch', lines, '--now', NOW]);
    expect(batch.status).toBe(2);
    const records = batch.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string });
    expect(records.map((r) => r.kind)).toEqual(['decision', 'error', 'decision']);
  });
});
