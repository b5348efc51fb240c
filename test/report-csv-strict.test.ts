/**
 * The CSV report as spreadsheets read it (RFC 4180): read back by Python's csv module in strict
 * mode which, like Excel and LibreOffice, ends a record at any line break outside quotes. Over
 * the whole corpus, with no --max-accounts: a machine format lists every account by default.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../src/report/render-csv.js';
import { repoRoot, runCli, snapshot, type ProcessResult } from './helpers.js';

const NOW = '2026-11-24T00:00:00Z';

/** Reads CSV bytes from stdin without translating line ends; prints {bom, rows} as JSON. */
const PYTHON_READER = `
import csv, io, json, sys
text = io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')
bom = text.read(1) == '\\ufeff'
rows = list(csv.reader(text, strict=True))
json.dump({'bom': bom, 'rows': rows}, sys.stdout, ensure_ascii=False)
`;

function readWithPython(csvText: string): { bom: boolean; rows: string[][] } {
  const result = spawnSync('python3', ['-c', PYTHON_READER], {
    input: csvText,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.error)
    throw new Error(`this test reads the CSV with Python 3's csv module: ${result.error.message}`);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { bom: boolean; rows: string[][] };
}

/** The text with every quoted field removed: what is left must hold only CRLF line ends. */
function outsideQuotes(csvText: string): string {
  return csvText.replace(/"(?:[^"]|"")*"/g, '');
}

interface JsonReport {
  accounts: {
    total: number;
    shown: number;
    omitted: number;
    entries: Array<{
      accountId: string;
      decisionId: string;
      evaluatedAt: string;
      lifecycle: string;
      policies: Array<{
        policy: string;
        outcome: string;
        reasons: Array<{ rule: string; message: string }>;
      }>;
    }>;
  };
}

describe('account-policy report --format csv, read by a strict reader', () => {
  let csv: ProcessResult;
  let json: JsonReport;
  let corpusIds: string[];
  beforeAll(async () => {
    const args = ['report', 'examples/corpus.ndjson', '--now', NOW, '--format'];
    const [csvRun, jsonRun] = await Promise.all([
      runCli([...args, 'csv']),
      runCli([...args, 'json']),
    ]);
    csv = csvRun;
    expect(jsonRun.status).toBe(0);
    json = JSON.parse(jsonRun.stdout) as JsonReport;
    const corpus = await readFile(join(repoRoot, 'examples/corpus.ndjson'), 'utf8');
    corpusIds = corpus
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { accountId: string }).accountId);
  });

  it('lists every account of the corpus by default, and says nothing on stderr', () => {
    expect(csv.status).toBe(0);
    expect(csv.stderr).toBe('');
    expect(corpusIds).toHaveLength(3000);
    expect(json.accounts).toMatchObject({ total: 3000, shown: 3000, omitted: 0 });
  });

  it('reads back as exactly one header and one row per account × policy (3 policies each)', () => {
    const { bom, rows } = readWithPython(csv.stdout);
    expect(bom).toBe(true);
    expect(rows).toHaveLength(1 + 3000 * 3);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const expected = json.accounts.entries.flatMap((account) =>
      account.policies.map((policy) => [
        account.accountId,
        account.decisionId,
        account.evaluatedAt,
        policy.policy,
        policy.outcome,
        policy.reasons.map((r) => r.rule).join(' '),
        policy.reasons.map((r) => r.message).join('\n'),
        account.lifecycle,
        // No decision log among the inputs: logSeq and logHash are empty.
        '',
        '',
      ]),
    );
    // Every cell, as the JSON report has it: nothing split, nothing merged, nothing lost.
    expect(rows.slice(1)).toEqual(expected);
    const ids = rows.slice(1).map((row) => row[0]);
    expect(ids.filter((_, i) => i % 3 === 0)).toEqual(corpusIds);
  });

  it('keeps a multi-reason cell whole, its reasons on separate lines', () => {
    const { rows } = readWithPython(csv.stdout);
    expect(rows[1]!.slice(0, 6)).toEqual([
      'wxid_corpus_00001',
      json.accounts.entries[0]!.decisionId,
      '2026-11-24T00:00:00.000Z',
      'cancel',
      'fail',
      'cancel.pay-closed cancel.balance-zero cancel.no-pending-transactions cancel.third-party-revoked',
    ]);
    expect(rows[1]![6]).toBe(
      [
        '微信支付仍处于开通状态，请先关闭微信支付。',
        '零钱余额 ¥0.02 尚未清空，请先提现或用完。',
        '还有 2 笔未完成的交易，完成后才能申请注销。',
        '以下应用或小程序仍持有微信登录授权，请先解除：饿了么、腾讯乘车码、星巴克。',
      ].join('\n'),
    );
    // The line breaks are inside quotes; between records there is only CRLF.
    const outside = outsideQuotes(csv.stdout);
    expect(outside.split('\r\n')).toHaveLength(1 + 9001);
    expect(outside).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
  });
});

describe('account-policy report --format csv: quotes, commas, CR and LF in the data', () => {
  it('quotes every field that holds one, and reads each back as written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-csv-'));
    // Each account's one app name holds one of the characters RFC 4180 quotes for, on its own.
    const cases = [
      { accountId: 'wxid_comma,1', service: 'a,b' },
      { accountId: 'wxid_quote"2', service: 'a"b' },
      { accountId: 'wxid_lf', service: 'a\nb' },
      { accountId: 'wxid_cr', service: 'a\rb' },
      { accountId: 'wxid_crlf', service: 'a\r\nb' },
    ];
    const lines = cases.map(({ accountId, service }) =>
      JSON.stringify(
        snapshot({ accountId, authorizations: [{ id: 'auth-q', kind: 'app', name: service }] }),
      ),
    );
    await writeFile(join(dir, 'q.ndjson'), `${lines.join('\n')}\n`);
    const result = await runCli(['report', 'q.ndjson', '--format', 'csv'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const { rows } = readWithPython(result.stdout);
    expect(rows).toHaveLength(1 + cases.length * 3);
    expect(rows.filter((row) => row[3] === 'cancel').map((row) => [row[0], row[6]])).toEqual(
      cases.map(({ accountId, service }) => [
        accountId,
        `以下应用或小程序仍持有微信登录授权，请先解除：${service}。`,
      ]),
    );
    expect(result.stdout).toContain('\r\n"wxid_comma,1",');
    expect(result.stdout).toContain('\r\n"wxid_quote""2",');
    expect(result.stdout).toContain(',"以下应用或小程序仍持有微信登录授权，请先解除：a\nb。",');
    expect(result.stdout).toContain(',"以下应用或小程序仍持有微信登录授权，请先解除：a\rb。",');
    expect(outsideQuotes(result.stdout).split('\r\n')).toHaveLength(1 + 1 + cases.length * 3);
  });
});
