import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv, type Options as CsvParseOptions } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { mdCode, mdText } from '../src/report/render-markdown.js';
import { repoRoot, runCli } from './helpers.js';
import {
  EVIL_ACCOUNT,
  EVIL_SERVICE,
  writeKnownRecords,
  type KnownRecords,
} from './fixtures/report/known-records.js';

let known: KnownRecords;
beforeAll(async () => {
  known = await writeKnownRecords();
});

async function report(format: string, ...args: string[]): Promise<string> {
  const result = await runCli(['report', 'records.ndjson', '--format', format, ...args], {
    cwd: known.dir,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** sha256 of records.ndjson's bytes, as the report's provenance names it. */
async function recordsDigest(): Promise<string> {
  const bytes = await readFile(join(known.dir, 'records.ndjson'));
  return createHash('sha256').update(bytes).digest('hex');
}

const NO_REQUEST = '当前没有待生效的注销申请，无需撤回。';
const NOT_CANCELLED =
  '账号尚未正式注销，手机号仍与该账号绑定，暂时不能用来注册新账号；账号正式注销 30 天后，手机号才会释放。';

describe('account-policy report --format md', () => {
  it('is exactly the reviewed Markdown (digest and version filled in)', async () => {
    const fixture = await readFile(join(repoRoot, 'test/fixtures/report/records.en.md'), 'utf8');
    expect(await report('md', '--lang', 'en')).toBe(
      fixture
        .replaceAll('{{digest}}', known.digest)
        .replaceAll('{{version}}', known.version)
        .replaceAll('{{fileDigest}}', await recordsDigest()),
    );
  });

  it('escapes what would break a table or inject markup', () => {
    expect(mdText('a|b <script> *x* [l](u) & `c`')).toBe(
      'a\\|b \\<script\\> \\*x\\* \\[l\\](u) \\& \\`c\\`',
    );
    expect(mdText('two\nlines')).toBe('two lines');
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a|b')).toBe('`a\\|b`');
    expect(mdCode('has `tick`')).toBe('`` has `tick` ``');
  });
});

/**
 * csv-parse as strict as a spreadsheet: a bare CR or LF outside quotes ends a record (by default
 * csv-parse takes the first line end it sees, CRLF here, as the only one, and would read a bare
 * LF as part of a field), every record has the header's fields, and quotes are never relaxed.
 */
const STRICT_CSV = {
  bom: true,
  columns: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_quotes: false,
  relax_column_count: false,
  skip_empty_lines: false,
} satisfies CsvParseOptions;

describe('the split of fails into not applicable and blocked, in html and md', () => {
  // The known records: withdraw fails 6 times for want of a request (a premise) and once too late.
  it('shows it in the Chinese Markdown, naming the premise rules', async () => {
    const md = await report('md');
    expect(md).toContain('| 策略 | 决策数 | 通过 | 不通过 | 不适用 | 受阻 | 不通过率 |');
    expect(md).toContain('| 撤回注销 `withdraw` | 8 | 1 | 7 | 6 | 1 | 87.5% |');
    expect(md).toContain('| 手机号注册新账号 `phone-reuse` | 8 | 1 | 7 | 0 | 7 | 87.5% |');
    expect(md).toContain(
      '前提规则：`withdraw.cancellation-requested`、`phone-reuse.phone-bound`。',
    );
  });

  it('shows it in the HTML table and chart, in both languages', async () => {
    for (const [lang, words] of [
      ['zh-CN', ['不适用', '受阻']],
      ['en', ['Not applicable', 'Blocked']],
    ] as const) {
      const html = await report('html', '--lang', lang);
      const outcomes = html.slice(
        html.indexOf('id="chart-outcomes"'),
        html.indexOf('</section>', html.indexOf('id="chart-outcomes"')),
      );
      for (const word of words) expect(outcomes).toContain(`<th class="num">${word}</th>`);
      expect(outcomes).toMatch(
        /<code>withdraw<\/code><\/td><td class="num">8<\/td><td class="num">1<\/td><td class="num">7<\/td><td class="num">6<\/td><td class="num">1<\/td>/,
      );
      expect(outcomes).toContain('<code>withdraw.cancellation-requested</code>');
      expect(outcomes).toContain('1 · 6 · 1');
    }
  });
});

describe('account-policy report --format csv', () => {
  it('starts with a byte-order mark and parses back to one row per account × policy, plus the error', async () => {
    const text = await report('csv');
    expect(
      text.startsWith(
        '\uFEFFaccountId,decisionId,evaluatedAt,policy,outcome,failingRules,reasons,lifecycle,logSeq,logHash\r\n',
      ),
    ).toBe(true);
    const rows: Record<string, string>[] = parseCsv(text, STRICT_CSV);
    const [eligible, blocked, cooling, withdrawn, cancelled, eligibleUnbind, evil, balance] =
      known.decisions.map((d) => d!);
    const row = (
      record: typeof eligible,
      policy: string,
      outcome: string,
      failingRules: string,
      reasons: string,
    ) => ({
      accountId: record!.accountId,
      decisionId: record!.decisionId,
      evaluatedAt: record!.evaluatedAt,
      policy,
      outcome,
      failingRules,
      reasons,
      lifecycle: record!.lifecycle.state,
      // No decision log among the inputs: no head to name.
      logSeq: '',
      logHash: '',
    });
    expect(rows).toEqual([
      row(eligible, 'cancel', 'pass', '', ''),
      row(eligible, 'withdraw', 'fail', 'withdraw.cancellation-requested', NO_REQUEST),
      row(eligible, 'phone-reuse', 'fail', 'phone-reuse.account-cancelled', NOT_CANCELLED),
      row(
        blocked,
        'cancel',
        'fail',
        'cancel.pay-closed cancel.balance-zero cancel.no-pending-refunds cancel.third-party-revoked cancel.wecom-unlinked',
        [
          '微信支付仍处于开通状态，请先关闭微信支付。',
          '零钱余额 ¥12.50 尚未清空，请先提现或用完。',
          '还有 1 笔待退款订单，退款完成后才能申请注销。',
          '以下应用或小程序仍持有微信登录授权，请先解除：美团、滴滴出行。',
          '仍关联以下企业微信，请先解除关联：示例科技有限公司。',
        ].join('\n'),
      ),
      row(blocked, 'withdraw', 'fail', 'withdraw.cancellation-requested', NO_REQUEST),
      row(blocked, 'phone-reuse', 'fail', 'phone-reuse.account-cancelled', NOT_CANCELLED),
      row(
        cooling,
        'cancel',
        'fail',
        'cancel.not-in-progress',
        '该账号已于2026年11月12日 10:00（北京时间）申请注销，注销正在冷静期中或已经完成，无需再次申请。',
      ),
      row(cooling, 'withdraw', 'pass', '', ''),
      row(cooling, 'phone-reuse', 'fail', 'phone-reuse.account-cancelled', NOT_CANCELLED),
      row(
        withdrawn,
        'cancel',
        'fail',
        'cancel.third-party-revoked',
        '以下应用或小程序仍持有微信登录授权，请先解除：京东。',
      ),
      row(withdrawn, 'withdraw', 'fail', 'withdraw.cancellation-requested', NO_REQUEST),
      row(withdrawn, 'phone-reuse', 'fail', 'phone-reuse.account-cancelled', NOT_CANCELLED),
      row(
        cancelled,
        'cancel',
        'fail',
        'cancel.not-in-progress',
        '该账号已于2025年3月1日 12:00（北京时间）申请注销，注销正在冷静期中或已经完成，无需再次申请。',
      ),
      row(
        cancelled,
        'withdraw',
        'fail',
        'withdraw.cooling-off-active',
        '冷静期已于2025年3月16日 12:00（北京时间）结束，账号已正式注销，数据已永久删除，无法恢复。',
      ),
      row(cancelled, 'phone-reuse', 'pass', '', ''),
      row(eligibleUnbind, 'cancel', 'pass', '', ''),
      row(eligibleUnbind, 'unbind', 'pass', '', ''),
      row(eligibleUnbind, 'withdraw', 'fail', 'withdraw.cancellation-requested', NO_REQUEST),
      row(eligibleUnbind, 'phone-reuse', 'fail', 'phone-reuse.account-cancelled', NOT_CANCELLED),
      // A cell starting with "=" would run as a formula in a spreadsheet: it gets a leading apostrophe.
      {
        ...row(
          evil,
          'cancel',
          'fail',
          'cancel.third-party-revoked',
          `以下应用或小程序仍持有微信登录授权，请先解除：${EVIL_SERVICE}。`,
        ),
        accountId: `'${EVIL_ACCOUNT}`,
      },
      {
        ...row(evil, 'withdraw', 'fail', 'withdraw.cancellation-requested', NO_REQUEST),
        accountId: `'${EVIL_ACCOUNT}`,
      },
      {
        ...row(evil, 'phone-reuse', 'fail', 'phone-reuse.account-cancelled', NOT_CANCELLED),
        accountId: `'${EVIL_ACCOUNT}`,
      },
      row(
        balance,
        'cancel',
        'fail',
        'cancel.balance-zero',
        '零钱余额 ¥12.50 尚未清空，请先提现或用完。',
      ),
      row(balance, 'withdraw', 'fail', 'withdraw.cancellation-requested', NO_REQUEST),
      row(balance, 'phone-reuse', 'fail', 'phone-reuse.account-cancelled', NOT_CANCELLED),
      {
        accountId: '',
        decisionId: '',
        evaluatedAt: '',
        policy: '',
        outcome: 'error',
        failingRules: '',
        reasons:
          'hand-made.ndjson:3: schema: /accountId: is required but missing (error record at records.ndjson:9)',
        lifecycle: '',
        logSeq: '',
        logHash: '',
      },
    ]);
  });
});

describe('the strict CSV reader the tests use', () => {
  it('refuses a bare line break or a stray quote outside quotes, and reads them inside quotes', () => {
    const header = 'a,b\r\n';
    expect(() => parseCsv(`${header}one\ntwo,x\r\n`, STRICT_CSV)).toThrow(/Invalid Record Length/);
    expect(() => parseCsv(`${header}one\rtwo,x\r\n`, STRICT_CSV)).toThrow(/Invalid Record Length/);
    expect(() => parseCsv(`${header}o"ne,x\r\n`, STRICT_CSV)).toThrow(/Invalid Opening Quote/);
    expect(parseCsv(`${header}"one\ntwo","x,""y"""\r\n`, STRICT_CSV)).toEqual([
      { a: 'one\ntwo', b: 'x,"y"' },
    ]);
  });
});

describe('account-policy report --format junit', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: true,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });

  it('has a testsuite per policy and one for bad input, with counts that match the testcases', async () => {
    const xml = await report('junit');
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="account-policy report" tests="26" failures="20" errors="1">',
      ),
    ).toBe(true);
    const { testsuites } = parser.parse(xml);
    expect(testsuites).toMatchObject({ tests: 26, failures: 20, errors: 1 });
    const suites = testsuites.testsuite as Array<{
      name: string;
      tests: number;
      failures: number;
      errors: number;
      testcase: Array<Record<string, unknown>>;
    }>;
    expect(
      suites.map(({ name, tests, failures, errors }) => ({ name, tests, failures, errors })),
    ).toEqual([
      { name: 'cancel', tests: 8, failures: 6, errors: 0 },
      { name: 'unbind', tests: 1, failures: 0, errors: 0 },
      { name: 'withdraw', tests: 8, failures: 7, errors: 0 },
      { name: 'phone-reuse', tests: 8, failures: 7, errors: 0 },
      { name: 'input', tests: 1, failures: 0, errors: 1 },
    ]);
    for (const suite of suites) {
      expect(suite.testcase).toHaveLength(suite.tests);
      expect(suite.testcase.filter((c) => 'failure' in c)).toHaveLength(suite.failures);
    }
  });

  it('carries the reasons in <failure> and the diagnostic in <error>', async () => {
    const { testsuites } = parser.parse(await report('junit'));
    const [cancel, , , , input] = testsuites.testsuite;
    expect(cancel.testcase[1]).toEqual({
      name: 'wxid_blocked02 (records.ndjson:2)',
      classname: 'account-policy.cancel',
      failure: {
        message:
          'cancel.pay-closed, cancel.balance-zero, cancel.no-pending-refunds, cancel.third-party-revoked, cancel.wecom-unlinked',
        type: 'policy-failed',
        '#text': [
          '[cancel.pay-closed §2.1] 微信支付仍处于开通状态，请先关闭微信支付。',
          '[cancel.balance-zero §2.1] 零钱余额 ¥12.50 尚未清空，请先提现或用完。',
          '[cancel.no-pending-refunds §2.1] 还有 1 笔待退款订单，退款完成后才能申请注销。',
          '[cancel.third-party-revoked §3.2] 以下应用或小程序仍持有微信登录授权，请先解除：美团、滴滴出行。',
          '[cancel.wecom-unlinked §3.2] 仍关联以下企业微信，请先解除关联：示例科技有限公司。',
        ].join('\n'),
      },
    });
    expect(cancel.testcase[6].name).toBe(`${EVIL_ACCOUNT} (records.ndjson:7)`);
    expect(cancel.testcase[6].failure['#text']).toBe(
      `[cancel.third-party-revoked §3.2] 以下应用或小程序仍持有微信登录授权，请先解除：${EVIL_SERVICE}。`,
    );
    expect(input.testcase).toEqual([
      {
        name: 'hand-made.ndjson:3',
        classname: 'account-policy.input',
        error: {
          message: 'schema: /accountId: is required but missing',
          type: 'schema',
          '#text':
            'hand-made.ndjson:3: schema: /accountId: is required but missing\nerror record at records.ndjson:9',
        },
      },
    ]);
  });

  it('counts the listed testcases when capped, and keeps the complete totals as properties', async () => {
    const result = await runCli(
      ['report', 'records.ndjson', '--format', 'junit', '--max-accounts', '2'],
      { cwd: known.dir },
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'account-policy: the report lists the first 2 of 8 accounts; raise --max-accounts to list more (the summary counts all)\n',
    );
    const { testsuites } = parser.parse(result.stdout);
    // Two accounts: 2 cancel (1 failing), no unbind, 2 withdraw and 2 phone-reuse (all failing), and the error.
    expect(testsuites).toMatchObject({ tests: 7, failures: 5, errors: 1 });
    const properties = Object.fromEntries(
      testsuites.testsuite[0].properties.property.map((p: { name: string; value: unknown }) => [
        p.name,
        p.value,
      ]),
    );
    expect(properties).toEqual({
      title: '注销账号',
      decided: 8,
      pass: 2,
      fail: 6,
      notApplicable: 0,
      blocked: 6,
      'accounts.total': 8,
      'accounts.listed': 2,
      'provenance.verified': false,
    });
    const withdraw = Object.fromEntries(
      testsuites.testsuite[2].properties.property.map((p: { name: string; value: unknown }) => [
        p.name,
        p.value,
      ]),
    );
    expect(withdraw).toMatchObject({ decided: 8, pass: 1, fail: 7, notApplicable: 6, blocked: 1 });
  });
});
