import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionIdOf } from '../src/index.js';
import { copyRuleSet, runCli, snapshot } from './helpers.js';
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

/** `account-policy report ...` in the records' directory; asserts exit 0 and nothing on stderr. */
async function report(args: string[], options: { stdin?: string } = {}) {
  const result = await runCli(['report', ...args], { cwd: known.dir, ...options });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

const pass = (policy: string) => ({ policy, outcome: 'pass', reasons: [] });
const fail = (
  policy: string,
  ...reasons: Array<[rule: string, source: string, message: string]>
) => ({
  policy,
  outcome: 'fail',
  reasons: reasons.map(([rule, source, message]) => ({ rule, source, message })),
});
const NO_REQUEST: [string, string, string] = [
  'withdraw.cancellation-requested',
  '5.1',
  'There is no pending cancellation request to withdraw.',
];
const NOT_CANCELLED: [string, string, string] = [
  'phone-reuse.account-cancelled',
  '4.1',
  'The account has not been cancelled for good, so the phone number is still bound to it and cannot register a new account yet; the number is released 30 days after the cancellation completes.',
];
const PREMISES = ['withdraw.cancellation-requested', 'phone-reuse.phone-bound'];
const tally = (
  policy: string,
  title: string,
  decided: number,
  pass: number,
  notApplicable: number,
  blocked: number,
) => ({ policy, title, decided, pass, fail: notApplicable + blocked, notApplicable, blocked });
const rule = (
  id: string,
  policy: string,
  source: string,
  description: string,
  count: number,
  percent: number,
) => ({ rule: id, policy, source, description, count, percent });

describe('account-policy report --format json over known decision records', () => {
  it('summarises every record and lists every account, in English', async () => {
    const output = JSON.parse(await report(['records.ndjson', '--format', 'json', '--lang', 'en']));
    const at = (line: number) => ({ file: 'records.ndjson', line });
    const account = (index: number, fields: object) => {
      const record = known.decisions[index]!;
      return {
        accountId: record.accountId,
        decisionId: record.decisionId,
        inputDigest: record.input.digest,
        evaluatedAt: record.evaluatedAt,
        unbind: null,
        at: at(index + 1),
        ...fields,
      };
    };
    expect(output).toEqual({
      lang: 'en',
      inputs: ['records.ndjson'],
      now: null,
      ruleSet: { dir: null, digest: known.digest, premises: PREMISES, timeZone: 'Asia/Shanghai' },
      provenance: {
        inputs: [{ file: 'records.ndjson', kind: 'records', digest: expect.any(String) }],
        logHead: null,
        verified: false,
        rulesDigests: [known.digest],
      },
      summary: {
        accounts: 8,
        errors: 1,
        fromRecords: 8,
        fromSnapshots: 0,
        policies: [
          // withdraw: 6 fails only for want of a request (a premise), 1 too late (blocked).
          tally('cancel', 'Cancel the account', 8, 2, 0, 6),
          tally('unbind', 'Unbind one service', 1, 1, 0, 0),
          tally('withdraw', 'Withdraw the cancellation', 8, 1, 6, 1),
          tally('phone-reuse', 'Reuse the phone number', 8, 1, 0, 7),
        ],
        failingRules: [
          rule(
            'phone-reuse.account-cancelled',
            'phone-reuse',
            '4.1',
            'Only a completed cancellation releases the number; unbinding alone keeps it bound.',
            7,
            87.5,
          ),
          rule(
            'withdraw.cancellation-requested',
            'withdraw',
            '5.1',
            'There must be a cancellation request that has not been withdrawn.',
            6,
            75,
          ),
          rule(
            'cancel.third-party-revoked',
            'cancel',
            '3.2',
            'No app or mini program may still hold a WeChat login.',
            3,
            37.5,
          ),
          rule('cancel.balance-zero', 'cancel', '2.1', 'The wallet (零钱) must be empty.', 2, 25),
          rule(
            'cancel.not-in-progress',
            'cancel',
            '5',
            'No cancellation may already be cooling off or completed.',
            2,
            25,
          ),
          rule(
            'cancel.no-pending-refunds',
            'cancel',
            '2.1',
            'No order may be awaiting a refund.',
            1,
            12.5,
          ),
          rule(
            'cancel.pay-closed',
            'cancel',
            '2.1',
            'WeChat Pay must be switched off before a cancellation request.',
            1,
            12.5,
          ),
          rule(
            'cancel.wecom-unlinked',
            'cancel',
            '3.2',
            'No WeChat Work (企业微信) link may remain.',
            1,
            12.5,
          ),
          rule(
            'withdraw.cooling-off-active',
            'withdraw',
            '5.2',
            'The cooling-off period must not be over.',
            1,
            12.5,
          ),
        ],
        lifecycle: [
          { state: 'none', count: 5 },
          { state: 'cooling_off', count: 1 },
          { state: 'withdrawn', count: 1 },
          { state: 'cancelled', count: 1 },
        ],
        rulesDigests: [{ value: known.digest, count: 8 }],
        engineVersions: [{ value: known.version, count: 8 }],
        evaluatedAt: { earliest: '2026-11-24T00:00:00.000Z', latest: '2026-11-24T02:00:00.000Z' },
      },
      accounts: {
        total: 8,
        shown: 8,
        omitted: 0,
        entries: [
          account(0, {
            lifecycle: 'none',
            policies: [
              pass('cancel'),
              fail('withdraw', NO_REQUEST),
              fail('phone-reuse', NOT_CANCELLED),
            ],
          }),
          account(1, {
            lifecycle: 'none',
            policies: [
              fail(
                'cancel',
                ['cancel.pay-closed', '2.1', 'WeChat Pay is still switched on; turn it off first.'],
                [
                  'cancel.balance-zero',
                  '2.1',
                  'The wallet still holds ¥12.50; withdraw or spend it first.',
                ],
                [
                  'cancel.no-pending-refunds',
                  '2.1',
                  '1 order is awaiting a refund; cancellation can be requested once it is refunded.',
                ],
                [
                  'cancel.third-party-revoked',
                  '3.2',
                  'These apps or mini programs still hold a WeChat login; revoke them first: 美团, 滴滴出行.',
                ],
                [
                  'cancel.wecom-unlinked',
                  '3.2',
                  'The account is still linked to WeChat Work; unlink it first: 示例科技有限公司.',
                ],
              ),
              fail('withdraw', NO_REQUEST),
              fail('phone-reuse', NOT_CANCELLED),
            ],
          }),
          account(2, {
            lifecycle: 'cooling_off',
            policies: [
              fail('cancel', [
                'cancel.not-in-progress',
                '5',
                'Cancellation was already requested at 12 Nov 2026, 10:00 (UTC+08:00) and is in its cooling-off period or already complete; there is no need to request it again.',
              ]),
              pass('withdraw'),
              fail('phone-reuse', NOT_CANCELLED),
            ],
          }),
          account(3, {
            lifecycle: 'withdrawn',
            policies: [
              fail('cancel', [
                'cancel.third-party-revoked',
                '3.2',
                'These apps or mini programs still hold a WeChat login; revoke them first: 京东.',
              ]),
              fail('withdraw', NO_REQUEST),
              fail('phone-reuse', NOT_CANCELLED),
            ],
          }),
          account(4, {
            lifecycle: 'cancelled',
            policies: [
              fail('cancel', [
                'cancel.not-in-progress',
                '5',
                'Cancellation was already requested at 1 Mar 2025, 12:00 (UTC+08:00) and is in its cooling-off period or already complete; there is no need to request it again.',
              ]),
              fail('withdraw', [
                'withdraw.cooling-off-active',
                '5.2',
                'The cooling-off period ended at 16 Mar 2025, 12:00 (UTC+08:00); the account is cancelled and its data deleted for good.',
              ]),
              pass('phone-reuse'),
            ],
          }),
          account(5, {
            lifecycle: 'none',
            unbind: 'card-cmb',
            policies: [
              pass('cancel'),
              pass('unbind'),
              fail('withdraw', NO_REQUEST),
              fail('phone-reuse', NOT_CANCELLED),
            ],
          }),
          account(6, {
            lifecycle: 'none',
            policies: [
              fail('cancel', [
                'cancel.third-party-revoked',
                '3.2',
                `These apps or mini programs still hold a WeChat login; revoke them first: ${EVIL_SERVICE}.`,
              ]),
              fail('withdraw', NO_REQUEST),
              fail('phone-reuse', NOT_CANCELLED),
            ],
          }),
          account(7, {
            lifecycle: 'none',
            policies: [
              fail('cancel', [
                'cancel.balance-zero',
                '2.1',
                'The wallet still holds ¥12.50; withdraw or spend it first.',
              ]),
              fail('withdraw', NO_REQUEST),
              fail('phone-reuse', NOT_CANCELLED),
            ],
          }),
        ],
      },
      errors: {
        total: 1,
        shown: 1,
        omitted: 0,
        entries: [
          {
            at: { file: 'hand-made.ndjson', line: 3 },
            record: at(9),
            code: 'schema',
            message: '/accountId: is required but missing',
            diagnostics: 1,
          },
        ],
        byCode: [{ value: 'schema', count: 1 }],
      },
      warnings: [],
    });
    expect(output.accounts.entries[6].accountId).toBe(EVIL_ACCOUNT);
  });

  it('takes reasons in Chinese from the records by default', async () => {
    const output = JSON.parse(await report(['records.ndjson', '--format', 'json']));
    expect(output.lang).toBe('zh-CN');
    expect(output.summary.policies.map((p: { title: string }) => p.title)).toEqual([
      '注销账号',
      '解绑服务',
      '撤回注销',
      '手机号注册新账号',
    ]);
    expect(output.accounts.entries[7].policies[0].reasons).toEqual([
      {
        rule: 'cancel.balance-zero',
        source: '2.1',
        message: '零钱余额 ¥12.50 尚未清空，请先提现或用完。',
      },
    ]);
  });

  it('keeps only --max-accounts accounts and errors, and counts everything', async () => {
    const full = JSON.parse(await report(['records.ndjson', '--format', 'json']));
    const capped = JSON.parse(
      await report(['records.ndjson', '--format', 'json', '--max-accounts', '3']),
    );
    expect(capped.summary).toEqual(full.summary);
    expect(capped.accounts).toEqual({
      total: 8,
      shown: 3,
      omitted: 5,
      entries: full.accounts.entries.slice(0, 3),
    });
    const none = JSON.parse(
      await report(['records.ndjson', '--format', 'json', '--max-accounts', '0']),
    );
    expect(none.accounts).toEqual({ total: 8, shown: 0, omitted: 8, entries: [] });
    expect(none.errors).toEqual({
      total: 1,
      shown: 0,
      omitted: 1,
      entries: [],
      byCode: [{ value: 'schema', count: 1 }],
    });
  });

  it('lists every account in csv, junit and json by default; html and md list 1,000 and say so in the file, in both languages', async () => {
    const line = (await readFile(join(known.dir, 'records.ndjson'), 'utf8')).split('\n')[1]!;
    await writeFile(join(known.dir, 'many.ndjson'), `${line}\n`.repeat(1200));
    const json = JSON.parse(await report(['many.ndjson', '--format', 'json']));
    expect(json.accounts).toMatchObject({ total: 1200, shown: 1200, omitted: 0 });
    expect(json.accounts.entries).toHaveLength(1200);
    expect(json.summary.policies[0]).toEqual({
      policy: 'cancel',
      title: '注销账号',
      decided: 1200,
      pass: 0,
      fail: 1200,
      notApplicable: 0,
      blocked: 1200,
    });
    // One row per account × policy (cancel, withdraw, phone-reuse), after the header.
    const csv = await report(['many.ndjson', '--format', 'csv']);
    expect(csv.match(/\r\nwxid_blocked02,/g)).toHaveLength(1200 * 3);
    const junit = await report(['many.ndjson', '--format', 'junit']);
    expect(junit.match(/<testcase /g)).toHaveLength(1200 * 3);
    expect(junit).toContain('<property name="accounts.listed" value="1200"/>');
    const left = {
      en: '\n\nShowing the first 1,000 of 1,200 accounts; 200 are left out (raise --max-accounts to list more).\n\n',
      'zh-CN':
        '仅列出前 1,000 个账号（共 1,200 个），其余 200 个未列出；可用 --max-accounts 调整。',
      htmlEn:
        '<p class="note" id="accounts-note">Showing the first 1,000 of 1,200 accounts; 200 are left out (raise --max-accounts to list more).</p>',
      htmlZh:
        '<p class="note" id="accounts-note">仅列出前 1,000 个账号（共 1,200 个），其余 200 个未列出；可用 --max-accounts 调整。</p>',
    };
    expect(await report(['many.ndjson', '--format', 'md', '--lang', 'en'])).toContain(left.en);
    expect(await report(['many.ndjson', '--format', 'md'])).toContain(`\n\n${left['zh-CN']}\n\n`);
    expect(await report(['many.ndjson', '--format', 'html'])).toContain(left.htmlZh);
    expect(await report(['many.ndjson', '--format', 'html', '--lang', 'en'])).toContain(
      left.htmlEn,
    );
    // A larger --max-accounts lists them all in the page too.
    expect(await report(['many.ndjson', '--format', 'md', '--max-accounts', '1200'])).toContain(
      '\n\n共 1,200 个账号，全部列出。\n\n',
    );
  });

  it('caps csv and junit only when --max-accounts is given, and says so on stderr', async () => {
    const line = (await readFile(join(known.dir, 'records.ndjson'), 'utf8')).split('\n')[1]!;
    await writeFile(join(known.dir, 'few.ndjson'), `${line}\n`.repeat(5));
    for (const format of ['csv', 'junit']) {
      const args = ['report', 'few.ndjson', '--format', format, '--max-accounts', '3'];
      const capped = await runCli(args, { cwd: known.dir });
      expect(capped.status).toBe(0);
      expect(capped.stderr).toBe(
        'account-policy: the report lists the first 3 of 5 accounts; raise --max-accounts to list more (the summary counts all)\n',
      );
      expect(
        capped.stdout.match(format === 'csv' ? /\r\nwxid_blocked02,/g : /<testcase /g),
      ).toHaveLength(3 * 3);
    }
  });
});

describe('account-policy report: records and snapshots side by side', () => {
  it('evaluates snapshot lines (honouring --now), counts bad lines with file:line, and warns about mixed rule sets', async () => {
    const [first] = known.decisions;
    // A record made under another rule set: its decisionId names that digest, as a real one would.
    const otherDigest = `sha256:${'0'.repeat(64)}`;
    const otherRules = {
      ...first!,
      rules: { digest: otherDigest },
      decisionId: decisionIdOf(
        first!.input.digest,
        otherDigest,
        first!.evaluatedAt,
        first!.input.unbind,
      ),
    };
    const lines = [
      JSON.stringify(first),
      JSON.stringify(snapshot({ accountId: 'wxid_snapshot_line' })),
      '{"kind":"decision","decisionId":"not-a-digest"}',
      '{not json',
      JSON.stringify(otherRules),
    ];
    await writeFile(join(known.dir, 'mixed.ndjson'), `${lines.join('\n')}\n`);
    const result = await runCli(
      [
        'report',
        'mixed.ndjson',
        '--format',
        'json',
        '--now',
        '2026-12-01T00:00:00+08:00',
        '--max-accounts',
        '10',
      ],
      { cwd: known.dir },
    );
    expect(result.status).toBe(0);
    const warning = `the decisions were made under 2 different rule sets: ${known.digest} (2), sha256:${'0'.repeat(64)} (1); compare their outcomes only with that in mind, or re-evaluate the snapshots under one rule set`;
    expect(result.stderr).toBe(`account-policy: warning: mixed-rule-digests: ${warning}\n`);
    const output = JSON.parse(result.stdout);
    expect(output.now).toBe('2026-12-01T00:00:00+08:00');
    expect(output.summary).toMatchObject({
      accounts: 3,
      errors: 2,
      fromRecords: 2,
      fromSnapshots: 1,
    });
    expect(
      output.accounts.entries.map((a: { accountId: string; evaluatedAt: string; at: object }) => [
        a.accountId,
        a.evaluatedAt,
        a.at,
      ]),
    ).toEqual([
      ['wxid_eligible01', '2026-11-24T02:00:00.000Z', { file: 'mixed.ndjson', line: 1 }],
      ['wxid_snapshot_line', '2026-11-30T16:00:00.000Z', { file: 'mixed.ndjson', line: 2 }],
      ['wxid_eligible01', '2026-11-24T02:00:00.000Z', { file: 'mixed.ndjson', line: 5 }],
    ]);
    expect(output.errors.entries).toEqual([
      {
        at: { file: 'mixed.ndjson', line: 3 },
        record: null,
        code: 'schema',
        message:
          'not a valid decision record (schemas/decision-record.schema.json): /accountId: is required but missing',
        diagnostics: 1,
      },
      {
        at: { file: 'mixed.ndjson', line: 4 },
        record: null,
        code: 'syntax',
        message: 'invalid JSON: invalid symbol',
        diagnostics: 1,
      },
    ]);
    expect(output.warnings).toEqual([
      { severity: 'warning', code: 'mixed-rule-digests', message: warning },
    ]);
  });

  it('reads NDJSON from stdin with -, even after a byte-order mark', async () => {
    const stdin = `\uFEFF${await readFile(join(known.dir, 'records.ndjson'), 'utf8')}`;
    const output = JSON.parse(
      await report(['-', '--format', 'json', '--max-accounts', '1'], { stdin }),
    );
    expect(output.summary).toMatchObject({ accounts: 8, errors: 1 });
    expect(output.accounts.entries[0].at).toEqual({ file: '-', line: 1 });
  });
});

describe('account-policy report: output file, determinism, exit statuses', () => {
  it('writes --out atomically: the file holds the report, stdout is empty, no temporary file is left', async () => {
    const stdout = await report(['records.ndjson', '--format', 'md']);
    await writeFile(join(known.dir, 'out.md'), 'old contents');
    expect(await report(['records.ndjson', '--format', 'md', '--out', 'out.md'])).toBe('');
    expect(await readFile(join(known.dir, 'out.md'), 'utf8')).toBe(stdout);
    expect((await readdir(known.dir)).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it.each(['html', 'md', 'csv', 'junit', 'json'])(
    'gives byte-identical %s for the same input',
    async (format) => {
      const [a, b] = await Promise.all([
        report(['records.ndjson', '--format', format]),
        report(['records.ndjson', '--format', format]),
      ]);
      expect(a.length).toBeGreaterThan(100);
      expect(a).toBe(b);
    },
  );

  it.each([
    [
      ['missing.ndjson', '--format', 'json'],
      'account-policy: missing.ndjson: read-failed: cannot read: no such file or directory\n',
    ],
    [
      ['empty.ndjson', '--format', 'json'],
      'account-policy: empty.ndjson: empty-report-input: it holds no decision records or snapshots: give an NDJSON file from `batch` (one record per line), snapshot files, or a directory of snapshot files\n',
    ],
    [
      ['records.ndjson', '--format', 'json', '--now', 'tomorrow'],
      'account-policy: usage: now: must be an RFC 3339 date-time with a zone offset, e.g. 2026-11-24T08:00:00+08:00, got "tomorrow"\n',
    ],
    [
      ['records.ndjson', '--format', 'json', '--out', 'no-such-dir/report.json'],
      'account-policy: no-such-dir/report.json: write-failed: cannot write --out: the directory no-such-dir does not exist; create it first, or name a file in an existing directory\n',
    ],
  ])('exits 2 with nothing on stdout: %j', async (args, stderr) => {
    await writeFile(join(known.dir, 'empty.ndjson'), '\n\n');
    const result = await runCli(['report', ...args], { cwd: known.dir });
    expect(result).toEqual({ status: 2, stdout: '', stderr });
  });

  it.each([
    [['records.ndjson'], "error: required option '--format <format>' not specified"],
    [
      ['records.ndjson', '--format', 'pdf'],
      "error: option '--format <format>' argument 'pdf' is invalid. Allowed choices are html, md, csv, junit, json.",
    ],
    [
      ['records.ndjson', '--format', 'json', '--max-accounts', '-1'],
      "error: option '--max-accounts <n>' argument '-1' is invalid. It must be a whole number from 0 to 10000000.",
    ],
    [['--format', 'json'], "error: missing required argument 'inputs'"],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const result = await runCli(['report', ...args], { cwd: known.dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`account-policy: ${message}\n`);
  });

  it('takes the premises from --rules, whatever rule set made the records', async () => {
    const rules = await copyRuleSet({
      edits: [
        { file: 'withdraw.yaml', find: '    premise: true\n', replace: '' },
        {
          file: 'phone-reuse.yaml',
          find: '    description: Only a completed cancellation',
          replace: '    premise: true\n    description: Only a completed cancellation',
        },
      ],
    });
    const output = JSON.parse(
      await report(['records.ndjson', '--format', 'json', '--lang', 'en', '--rules', rules]),
    );
    expect(output.ruleSet.premises).toEqual([
      'phone-reuse.phone-bound',
      'phone-reuse.account-cancelled',
    ]);
    expect(output.summary.policies).toEqual([
      tally('cancel', 'Cancel the account', 8, 2, 0, 6),
      tally('unbind', 'Unbind one service', 1, 1, 0, 0),
      tally('withdraw', 'Withdraw the cancellation', 8, 1, 0, 7),
      tally('phone-reuse', 'Reuse the phone number', 8, 1, 7, 0),
    ]);
  });

  it('exits 2 for a rule set that does not load', async () => {
    const result = await runCli(
      ['report', 'records.ndjson', '--format', 'json', '--rules', 'no-such-rules'],
      { cwd: known.dir },
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^account-policy: no-such-rules/);
  });
});
