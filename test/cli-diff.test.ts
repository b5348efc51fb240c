import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../src/index.js';
import { copyRuleSet, repoRoot, runCli, snapshot } from './helpers.js';

/**
 * A hand-made corpus, captured 2026-11-24T00:00:00Z, in which each account sits on one side of a
 * boundary that coolingOffDays 15 → 7 or phoneReleaseDays 30 → 10 moves.
 */
const CORPUS = {
  'a-eligible.json': snapshot({ accountId: 'wxid_eligible' }),
  // Requested 10 days ago: cooling off under 15 days, cancelled under 7.
  'b-cooling-day10.json': snapshot({
    accountId: 'wxid_cooling10',
    cancellation: { requestedAt: '2026-11-14T00:00:00Z', firstLoginAt: null },
  }),
  'c-cooling-day3.json': snapshot({
    accountId: 'wxid_cooling3',
    cancellation: { requestedAt: '2026-11-21T00:00:00Z', firstLoginAt: null },
  }),
  // A login on day 10 of the period: after the end of a 7-day period, so inconsistent-time.
  'd-login-day10.json': snapshot({
    accountId: 'wxid_login10',
    cancellation: { requestedAt: '2026-11-01T00:00:00Z', firstLoginAt: '2026-11-10T12:00:00Z' },
  }),
  'e-login-day3.json': snapshot({
    accountId: 'wxid_login3',
    cancellation: { requestedAt: '2026-11-01T00:00:00Z', firstLoginAt: '2026-11-03T00:00:00Z' },
  }),
  // Requested 40 days ago: phone released 2026-11-29 under 15 + 30 days, 2026-11-21 under 7 + 30, 2026-11-09 under 15 + 10.
  'f-cancelled-40d.json': snapshot({
    accountId: 'wxid_cancelled40',
    cancellation: { requestedAt: '2026-10-15T00:00:00Z', firstLoginAt: null },
  }),
  'g-balance-only.json': snapshot({ accountId: 'wxid_balance', pay: { balanceFen: 1250 } }),
  'h-balance-and-pay.json': snapshot({
    accountId: 'wxid_balance_pay',
    pay: { enabled: true, balanceFen: 1250 },
  }),
  'i-cancelled-long-ago.json': snapshot({
    accountId: 'wxid_cancelled_old',
    cancellation: { requestedAt: '2025-06-01T00:00:00Z', firstLoginAt: null },
  }),
};

let work: string;

/** A copy of the shipped rules/ under `work`, with `edit` applied to one file (which must change). */
async function rulesCopy(
  name: string,
  file: string,
  edit: (text: string) => string,
): Promise<string> {
  const before = await readFile(join(repoRoot, 'rules', file), 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit to ${name}/${file} changed nothing`);
  await copyRuleSet({ into: join(work, name), edits: [{ file, find: before, replace: after }] });
  return name;
}

async function diffJson(args: string[], options: { stdin?: string } = {}): Promise<any> {
  const result = await runCli(['diff', '--base', 'rules', ...args, '--format', 'json'], {
    cwd: work,
    ...options,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

const unchangedPolicy = (count: number) => ({
  passToFail: { count: 0, examples: [] },
  failToPass: { count: 0, examples: [] },
  reasonsChanged: { count: 0, examples: [] },
  unchanged: { count },
});
const none = { count: 0, examples: [] };

type Texts = { 'zh-CN': string; en: string };
/** A messageChanges entry; its example is the first account listed. */
const reworded = (
  policy: string,
  id: string,
  kind: 'reason' | 'consequence',
  examples: string[],
  { before, after }: { before: Texts; after: Texts },
) => ({
  policy,
  id,
  kind,
  languages: (['zh-CN', 'en'] as const).filter((lang) => before[lang] !== after[lang]),
  count: examples.length,
  examples,
  example: { accountId: examples[0], before, after },
});

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'account-policy-diff-'));
  await copyRuleSet({ into: join(work, 'rules') });
  await mkdir(join(work, 'corpus'));
  for (const [name, value] of Object.entries(CORPUS))
    await writeFile(join(work, 'corpus', name), `${JSON.stringify(value, null, 2)}\n`);
  await rulesCopy('rules-cooling-7', 'parameters.yaml', (text) =>
    text.replace(/coolingOffDays: 15\b/, 'coolingOffDays: 7'),
  );
});

describe('account-policy diff on a hand-made corpus (real process)', () => {
  it('finds no change between identical rule sets', async () => {
    const report = await diffJson(['--rules', 'rules', 'corpus']);
    expect(report.snapshots).toBe(9);
    expect(report.changed).toBe(0);
    expect(report.rules.base.digest).toBe(report.rules.new.digest);
    expect(report.policies).toEqual({
      cancel: unchangedPolicy(9),
      withdraw: unchangedPolicy(9),
      'phone-reuse': unchangedPolicy(9),
    });
    expect(report.ruleChanges).toEqual([]);
    expect(report.lifecycle).toEqual([]);
    expect(report.invalid).toEqual({ underNewOnly: none, underBaseOnly: none, underBoth: none });
    expect(report.wordingChanged).toBe(0);
    expect(report.messageChanges).toEqual([]);
    expect(report.rules.parameterChanges).toEqual([]);
    expect(report.semantic.wording).toEqual([]);
  });

  it('reports exactly what coolingOffDays 15 → 7 flips, as JSON', async () => {
    const { semantic, ...report } = await diffJson(['--rules', 'rules-cooling-7', 'corpus']);
    // what the change can do to any account (test/semantic-diff.test.ts) rides along
    expect(semantic.verdict).toBe('changes');
    expect(semantic.rules.parameterChanges).toEqual([{ name: 'coolingOffDays', base: 15, new: 7 }]);
    // the templates are the same: only what they fill in differs
    expect(semantic.wording).toEqual([]);
    const loginFile = await readFile(join(work, 'corpus/d-login-day10.json'), 'utf8');
    expect(report).toEqual({
      snapshots: 9,
      changed: 3,
      // the period's length and its end are in what these accounts read
      wordingChanged: 5,
      now: null,
      rules: {
        base: { dir: 'rules', digest: expect.stringMatching(/^sha256:/) },
        new: { dir: 'rules-cooling-7', digest: expect.stringMatching(/^sha256:/) },
        removedRuleIds: [],
        addedRuleIds: [],
        parameterChanges: [{ name: 'coolingOffDays', base: 15, new: 7 }],
      },
      policies: {
        cancel: unchangedPolicy(8),
        withdraw: { ...unchangedPolicy(7), passToFail: { count: 1, examples: ['wxid_cooling10'] } },
        'phone-reuse': {
          ...unchangedPolicy(6),
          failToPass: { count: 1, examples: ['wxid_cancelled40'] },
          reasonsChanged: { count: 1, examples: ['wxid_cooling10'] },
        },
      },
      ruleChanges: [
        {
          rule: 'withdraw.cooling-off-active',
          newlyFails: { count: 1, examples: ['wxid_cooling10'] },
          newlyHolds: none,
        },
        {
          rule: 'phone-reuse.account-cancelled',
          newlyFails: none,
          newlyHolds: { count: 1, examples: ['wxid_cooling10'] },
        },
        {
          rule: 'phone-reuse.release-period-elapsed',
          newlyFails: { count: 1, examples: ['wxid_cooling10'] },
          newlyHolds: { count: 1, examples: ['wxid_cancelled40'] },
        },
      ],
      messageChanges: [
        reworded(
          'cancel',
          'cancel.cooling-off-starts',
          'consequence',
          ['wxid_eligible', 'wxid_login3'],
          {
            before: {
              'zh-CN': '提交后进入 15 天冷静期；期间只要登录一次，注销申请即自动撤回。',
              en: 'A 15-day cooling-off period starts; a single login during it withdraws the request.',
            },
            after: {
              'zh-CN': '提交后进入 7 天冷静期；期间只要登录一次，注销申请即自动撤回。',
              en: 'A 7-day cooling-off period starts; a single login during it withdraws the request.',
            },
          },
        ),
        reworded(
          'withdraw',
          'withdraw.cooling-off-active',
          'reason',
          ['wxid_cancelled40', 'wxid_cancelled_old'],
          {
            before: {
              'zh-CN':
                '冷静期已于2026年10月30日 08:00（北京时间）结束，账号已正式注销，数据已永久删除，无法恢复。',
              en: 'The cooling-off period ended at 30 Oct 2026, 08:00 (UTC+08:00); the account is cancelled and its data deleted for good.',
            },
            after: {
              'zh-CN':
                '冷静期已于2026年10月22日 08:00（北京时间）结束，账号已正式注销，数据已永久删除，无法恢复。',
              en: 'The cooling-off period ended at 22 Oct 2026, 08:00 (UTC+08:00); the account is cancelled and its data deleted for good.',
            },
          },
        ),
        reworded('withdraw', 'withdraw.login-cancels', 'consequence', ['wxid_cooling3'], {
          before: {
            'zh-CN':
              '在剩余的 12 天内、2026年12月6日 08:00（北京时间）之前登录一次，即可撤回注销申请。',
            en: 'Logging in once within the remaining 12 days, until 6 Dec 2026, 08:00 (UTC+08:00), withdraws the request.',
          },
          after: {
            'zh-CN':
              '在剩余的 4 天内、2026年11月28日 08:00（北京时间）之前登录一次，即可撤回注销申请。',
            en: 'Logging in once within the remaining 4 days, until 28 Nov 2026, 08:00 (UTC+08:00), withdraws the request.',
          },
        }),
      ],
      lifecycle: [{ from: 'cooling_off', to: 'cancelled', count: 1, examples: ['wxid_cooling10'] }],
      invalid: {
        underNewOnly: {
          count: 1,
          examples: [
            {
              accountId: 'wxid_login10',
              file: 'corpus/d-login-day10.json',
              line: loginFile.split('\n').findIndex((line) => line.includes('"firstLoginAt"')) + 1,
              code: 'inconsistent-time',
              pointer: '/cancellation/firstLoginAt',
              message:
                'must be before the end of the 7-day cooling-off period 2026-11-08T00:00:00.000Z (a cancelled account cannot log in), got "2026-11-10T12:00:00Z"',
            },
          ],
        },
        underBaseOnly: none,
        underBoth: none,
      },
    });
  });

  it('prints the same diff as text for a reviewer: verdict, then only the non-zero rows', async () => {
    const { rules } = await diffJson(['--rules', 'rules-cooling-7', 'corpus']);
    const { status, stdout, stderr } = await runCli(
      ['diff', '--base', 'rules', '--rules', 'rules-cooling-7', 'corpus', '--lang', 'en'],
      { cwd: work },
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const line =
      (await readFile(join(work, 'corpus/d-login-day10.json'), 'utf8'))
        .split('\n')
        .findIndex((l) => l.includes('"firstLoginAt"')) + 1;
    // the corpus report, then what the change can do to any account (test/semantic-diff.test.ts)
    const semantic = stdout.indexOf('\nWhat the rule change can do to any account');
    expect(semantic).toBeGreaterThan(0);
    expect(stdout.slice(0, semantic)).toBe(
      [
        'Rule change impact · 9 snapshots',
        `Base rules: ${rules.base.digest} (rules)`,
        `New rules:  ${rules.new.digest} (rules-cooling-7)`,
        "Evaluated at: each snapshot's capturedAt",
        'Parameters changed: coolingOffDays 15 → 7',
        '',
        'Verdict: 3 of 9 snapshots change decision. Also 5 snapshots are shown different wording.',
        '',
        'Policies',
        '  withdraw (7 unchanged)',
        '    pass → fail      1  wxid_cooling10',
        '  phone-reuse (6 unchanged)',
        '    fail → pass      1  wxid_cancelled40',
        '    reasons changed  1  wxid_cooling10',
        '',
        'Rules',
        '  withdraw.cooling-off-active         newly fails  1  wxid_cooling10',
        '  phone-reuse.account-cancelled       newly holds  1  wxid_cooling10',
        '  phone-reuse.release-period-elapsed  newly fails  1  wxid_cooling10',
        '  phone-reuse.release-period-elapsed  newly holds  1  wxid_cancelled40',
        '',
        'Lifecycle',
        '  cooling_off → cancelled  1  wxid_cooling10',
        '',
        'Invalid snapshots',
        '  invalid under the new rules only  1',
        `      corpus/d-login-day10.json:${line}: inconsistent-time /cancellation/firstLoginAt (wxid_login10)`,
        '',
        'Wording (what accounts are told; not a decision)',
        '  cancel.cooling-off-starts    consequence  2  wxid_eligible, wxid_login3',
        '      wxid_eligible, en',
        '        before  A 15-day cooling-off period starts; a single login during it withdraws the request.',
        '        after   A 7-day cooling-off period starts; a single login during it withdraws the request.',
        '      wxid_eligible, zh-CN',
        '        before  提交后进入 15 天冷静期；期间只要登录一次，注销申请即自动撤回。',
        '        after   提交后进入 7 天冷静期；期间只要登录一次，注销申请即自动撤回。',
        '  withdraw.cooling-off-active  reason       2  wxid_cancelled40, wxid_cancelled_old',
        '      wxid_cancelled40, en',
        '        before  The cooling-off period ended at 30 Oct 2026, 08:00 (UTC+08:00); the account is cancelled and its data deleted for good.',
        '        after   The cooling-off period ended at 22 Oct 2026, 08:00 (UTC+08:00); the account is cancelled and its data deleted for good.',
        '      wxid_cancelled40, zh-CN',
        '        before  冷静期已于2026年10月30日 08:00（北京时间）结束，账号已正式注销，数据已永久删除，无法恢复。',
        '        after   冷静期已于2026年10月22日 08:00（北京时间）结束，账号已正式注销，数据已永久删除，无法恢复。',
        '  withdraw.login-cancels       consequence  1  wxid_cooling3',
        '      wxid_cooling3, en',
        '        before  Logging in once within the remaining 12 days, until 6 Dec 2026, 08:00 (UTC+08:00), withdraws the request.',
        '        after   Logging in once within the remaining 4 days, until 28 Nov 2026, 08:00 (UTC+08:00), withdraws the request.',
        '      wxid_cooling3, zh-CN',
        '        before  在剩余的 12 天内、2026年12月6日 08:00（北京时间）之前登录一次，即可撤回注销申请。',
        '        after   在剩余的 4 天内、2026年11月28日 08:00（北京时间）之前登录一次，即可撤回注销申请。',
        '',
      ].join('\n'),
    );
    const zh = await runCli(['diff', '--base', 'rules', '--rules', 'rules-cooling-7', 'corpus'], {
      cwd: work,
    });
    expect(zh.stdout).toContain('结论：9 个快照中有 3 个的决策发生变化。');
    expect(zh.stdout).toContain(
      '  withdraw.cooling-off-active         变为不满足  1  wxid_cooling10',
    );
  });

  it('sees a reason reworded in one language, though no decision changes', async () => {
    const rules = await rulesCopy('rules-reworded', 'cancel.yaml', (text) =>
      text.replace(
        '零钱余额 ¥{pay.balanceYuan} 尚未清空，请先提现或用完。',
        '零钱里还有 ¥{pay.balanceYuan}，请先提现或用完。',
      ),
    );
    const report = await diffJson(['--rules', rules, 'corpus']);
    expect(report.changed).toBe(0);
    expect(report.rules.parameterChanges).toEqual([]);
    expect(report.wordingChanged).toBe(2);
    expect(report.messageChanges).toEqual([
      reworded('cancel', 'cancel.balance-zero', 'reason', ['wxid_balance', 'wxid_balance_pay'], {
        before: {
          'zh-CN': '零钱余额 ¥12.50 尚未清空，请先提现或用完。',
          en: 'The wallet still holds ¥12.50; withdraw or spend it first.',
        },
        after: {
          'zh-CN': '零钱里还有 ¥12.50，请先提现或用完。',
          en: 'The wallet still holds ¥12.50; withdraw or spend it first.',
        },
      }),
    ]);
    // without a corpus the template change is named, and the verdict (about decisions) is unmoved
    expect(report.semantic.verdict).toBe('equivalent');
    expect(report.semantic.wording).toEqual([
      { policy: 'cancel', id: 'cancel.balance-zero', kind: 'reason', languages: ['zh-CN'] },
    ]);
    const zh = await runCli(['diff', '--base', 'rules', '--rules', rules, 'corpus'], { cwd: work });
    expect(zh.stdout).toContain('结论：9 个快照的决策均无变化。但有 2 个快照看到的措辞有变化。\n');
    expect(zh.stdout).toContain(
      [
        '措辞变化（账号看到的文字，不是决定）',
        '  cancel.balance-zero  原因  2  wxid_balance, wxid_balance_pay',
        '      wxid_balance，zh-CN',
        '        修改前  零钱余额 ¥12.50 尚未清空，请先提现或用完。',
        '        修改后  零钱里还有 ¥12.50，请先提现或用完。',
        '      wxid_balance，en（未变）',
        '        The wallet still holds ¥12.50; withdraw or spend it first.',
        '',
      ].join('\n'),
    );
    expect(zh.stdout).toContain(
      '措辞变化（账号看到的文字，不是决定）：\n  cancel / cancel.balance-zero (原因: zh-CN)\n',
    );
  });

  it('does not call moving a rule within its file a wording change', async () => {
    const rules = await rulesCopy('rules-moved', 'cancel.yaml', (text) => {
      const start = text.indexOf('  - id: cancel.pay-closed');
      const end = text.indexOf('  - id: cancel.balance-zero');
      const block = text.slice(start, end);
      const rest = text.slice(0, start) + text.slice(end);
      const at = rest.indexOf('  - id: cancel.no-pending-refunds');
      return rest.slice(0, at) + block + rest.slice(at);
    });
    const report = await diffJson(['--rules', rules, 'corpus']);
    expect(report.rules.base.digest).not.toBe(report.rules.new.digest);
    expect(report.changed).toBe(0);
    expect(report.wordingChanged).toBe(0);
    expect(report.messageChanges).toEqual([]);
    expect(report.semantic.wording).toEqual([]);
  });

  it('flips phone-reuse when phoneReleaseDays changes', async () => {
    const rules = await rulesCopy('rules-release-10', 'parameters.yaml', (text) =>
      text.replace(/phoneReleaseDays: 30\b/, 'phoneReleaseDays: 10'),
    );
    const report = await diffJson(['--rules', rules, 'corpus']);
    expect(report.changed).toBe(1);
    expect(report.policies['phone-reuse']).toEqual({
      ...unchangedPolicy(8),
      failToPass: { count: 1, examples: ['wxid_cancelled40'] },
    });
    expect(report.ruleChanges).toEqual([
      {
        rule: 'phone-reuse.release-period-elapsed',
        newlyFails: none,
        newlyHolds: { count: 1, examples: ['wxid_cancelled40'] },
      },
    ]);
    expect(report.lifecycle).toEqual([]);
  });

  it('shows fail → pass for an account blocked only by its balance when cancel.balance-zero lets up to ¥20 through', async () => {
    const rules = await rulesCopy('rules-balance-20', 'cancel.yaml', (text) =>
      text.replace(
        'path: $.balanceFen\n      operator: equal\n      value: 0',
        'path: $.balanceFen\n      operator: lessThanInclusive\n      value: 2000',
      ),
    );
    const { status, stdout, stderr } = await runCli(
      ['diff', '--base', 'rules', '--rules', rules, 'corpus', '--format', 'json'],
      { cwd: work },
    );
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(report.rules.removedRuleIds).toEqual([]);
    expect(report.changed).toBe(2);
    expect(report.policies.cancel).toEqual({
      ...unchangedPolicy(7),
      failToPass: { count: 1, examples: ['wxid_balance'] },
      reasonsChanged: { count: 1, examples: ['wxid_balance_pay'] },
    });
    expect(report.ruleChanges).toEqual([
      {
        rule: 'cancel.balance-zero',
        newlyFails: none,
        newlyHolds: { count: 2, examples: ['wxid_balance', 'wxid_balance_pay'] },
      },
    ]);
  });

  it('honours --now for every snapshot, and --examples 0', async () => {
    const report = await diffJson([
      '--rules',
      'rules-cooling-7',
      'corpus',
      '--examples',
      '0',
      '--now',
      '2026-11-30T00:00:00Z',
    ]);
    expect(report.now).toBe('2026-11-30T00:00:00Z');
    // By 11-30 both periods of the day-10 request are over; only the day-3 request still differs.
    expect(report.changed).toBe(2);
    expect(report.lifecycle).toEqual([
      { from: 'cooling_off', to: 'cancelled', count: 1, examples: [] },
    ]);
    expect(report.invalid.underNewOnly).toEqual({ count: 1, examples: [] });
  });
});

describe('account-policy diff: corpus sources and bad input', () => {
  const NDJSON = `${JSON.stringify(CORPUS['b-cooling-day10.json'])}\n\n{"accountId": broken\n${JSON.stringify(CORPUS['a-eligible.json'])}\r\n`;

  it('counts a broken NDJSON line as invalid with its file:line, and still diffs the rest (exit 0)', async () => {
    await writeFile(join(work, 'corpus.ndjson'), NDJSON);
    const report = await diffJson(['--rules', 'rules-cooling-7', 'corpus.ndjson']);
    expect(report.snapshots).toBe(3);
    expect(report.changed).toBe(1);
    expect(report.lifecycle).toEqual([
      { from: 'cooling_off', to: 'cancelled', count: 1, examples: ['wxid_cooling10'] },
    ]);
    expect(report.invalid.underBoth).toEqual({
      count: 1,
      examples: [
        {
          accountId: null,
          file: 'corpus.ndjson',
          line: 3,
          code: 'syntax',
          pointer: null,
          message: 'invalid JSON: invalid symbol',
        },
      ],
    });
    const text = await runCli(['diff', '--base', 'rules', 'corpus.ndjson', '--lang', 'en'], {
      cwd: work,
    });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      'Verdict: no decision changes in 3 snapshots.\n\nInvalid snapshots\n  invalid under both  1\n      corpus.ndjson:3: syntax\n',
    );
  });

  it('reads NDJSON from stdin with -', async () => {
    const report = await diffJson(['--rules', 'rules-cooling-7', '-'], { stdin: NDJSON });
    expect(report.snapshots).toBe(3);
    expect(report.invalid.underBoth.examples[0]).toMatchObject({
      file: '-',
      line: 3,
      code: 'syntax',
    });
  });

  it('refuses a missing corpus, an empty one, and a missing --base: exit 2, nothing on stdout', async () => {
    const missing = await runCli(['diff', '--base', 'rules', 'no-such-corpus.ndjson'], {
      cwd: work,
    });
    expect(missing).toEqual({
      status: 2,
      stdout: '',
      stderr: 'account-policy: no-such-corpus.ndjson: read-failed: cannot read: no such file\n',
    });
    await mkdir(join(work, 'empty'), { recursive: true });
    const empty = await runCli(['diff', '--base', 'rules', 'empty'], { cwd: work });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe(
      'account-policy: empty: empty-corpus: it holds no snapshots: give a directory of .json/.yaml/.yml files, or an NDJSON file with one snapshot per line\n',
    );
    const noBase = await runCli(['diff', 'corpus'], { cwd: work });
    expect(noBase.status).toBe(2);
    expect(noBase.stderr).toMatch(
      /^account-policy: error: required option '--base <dir>' not specified/,
    );
    const badRules = await runCli(['diff', '--base', 'nowhere', 'corpus'], { cwd: work });
    expect(badRules).toEqual({
      status: 2,
      stdout: '',
      stderr: 'account-policy: nowhere: read-failed: cannot read: no such file or directory\n',
    });
  });

  it('lists its flags in --help, exit 0', async () => {
    const help = await runCli(['diff', '--help']);
    expect(help.status).toBe(0);
    for (const flag of [
      '[corpus...]',
      '--base <dir>',
      '--rules <dir>',
      '--now <time>',
      '--format <format>',
      '--lang <lang>',
      '--examples <n>',
    ])
      expect(help.stdout).toContain(flag);
  });

  it('refuses a bad --now and a bad --examples', async () => {
    const now = await runCli(['diff', '--base', 'rules', 'corpus', '--now', 'yesterday'], {
      cwd: work,
    });
    expect(now.status).toBe(2);
    expect(now.stderr).toBe(
      'account-policy: usage: now: must be an RFC 3339 date-time with a zone offset, e.g. 2026-11-24T08:00:00+08:00, got "yesterday"\n',
    );
    const examples = await runCli(['diff', '--base', 'rules', 'corpus', '--examples', '-1'], {
      cwd: work,
    });
    expect(examples.status).toBe(2);
    expect(examples.stdout).toBe('');
  });
});

describe('examples/corpus.ndjson, the shipped synthetic corpus', () => {
  const corpusPath = join(repoRoot, 'examples/corpus.ndjson');

  it('is what scripts/generate-corpus.mjs writes (deterministic), and commit-size friendly', async () => {
    const out = join(work, 'generated/corpus.ndjson');
    await promisify(execFile)(process.execPath, [
      join(repoRoot, 'scripts/generate-corpus.mjs'),
      out,
    ]);
    expect(await readFile(out)).toEqual(await readFile(corpusPath));
    expect((await stat(corpusPath)).size).toBeLessThan(2_000_000);
  });

  it('holds 3000 valid snapshots covering every lifecycle state, binding kind and money case', async () => {
    const policy = await loadPolicy();
    const lines = (await readFile(corpusPath, 'utf8')).trimEnd().split('\n');
    const states = new Map<string, number>();
    for (const line of lines) {
      const { lifecycle } = await policy.evaluateText(line, { format: 'json' });
      states.set(lifecycle.state, (states.get(lifecycle.state) ?? 0) + 1);
    }
    expect(lines).toHaveLength(3000);
    for (const state of ['none', 'withdrawn', 'cooling_off', 'cancelled'])
      expect(states.get(state)).toBeGreaterThan(100);
    expect(states.get('none')).toBeGreaterThan(1800);
    const snapshots = lines.map((line) => JSON.parse(line));
    expect(snapshots[0].accountId).toBe('wxid_corpus_00001');
    expect(
      new Set(snapshots.flatMap((s) => s.authorizations.map((a: { kind: string }) => a.kind))),
    ).toEqual(new Set(['app', 'mini_program', 'official_account_admin', 'wecom', 'open_platform']));
    expect(snapshots.some((s) => s.phone === null)).toBe(true);
    expect(snapshots.some((s) => s.pay.balanceFen > 0)).toBe(true);
    expect(snapshots.some((s) => s.pay.bankCards.length === 3)).toBe(true);
  });

  it('diffed against itself changes nothing and refuses no snapshot', async () => {
    const report = await diffJson(['--rules', 'rules', corpusPath]);
    expect(report).toMatchObject({
      snapshots: 3000,
      changed: 0,
      ruleChanges: [],
      lifecycle: [],
      invalid: { underNewOnly: none, underBaseOnly: none, underBoth: none },
    });
  });

  it('shows the impact of coolingOffDays 15 → 7 (the example in docs/diff.md)', async () => {
    const report = await diffJson(['--rules', 'rules-cooling-7', corpusPath]);
    expect(report.changed).toBe(292);
    expect(report.lifecycle).toMatchObject([{ from: 'cooling_off', to: 'cancelled', count: 113 }]);
    expect(report.invalid.underNewOnly.count).toBe(140);
    expect(report.policies['phone-reuse'].failToPass.count).toBe(33);
  });
});
