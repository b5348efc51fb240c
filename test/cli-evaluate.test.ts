import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyRuleSet, repoRoot, runCli } from './helpers.js';

/** After every example's capturedAt (2026-11-24T02:00:00Z). */
const NOW = '2026-11-25T00:00:00Z';
const run = promisify(execFile);

describe('account-policy evaluate (real process)', () => {
  it('prints a text block per policy for the eligible example, exit 0', async () => {
    const { status, stdout, stderr } = await runCli(['evaluate', 'examples/eligible.json']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('账号 wxid_eligible01 · 评估时间 2026年11月24日 10:00（北京时间）');
    expect(stdout).toContain('生命周期：未申请注销 · 数据保留');
    expect(stdout).toContain('✓ 注销账号（cancel）：可以');
    expect(stdout).toContain(
      '→ 提交后进入 15 天冷静期；期间只要登录一次，注销申请即自动撤回。 [cancel.cooling-off-starts]',
    );
    expect(stdout).toContain('✗ 撤回注销（withdraw）：不可以');
    expect(stdout).not.toContain('unbind');
    expect(stdout).not.toMatch(/\u001b\[/); // no colour when not a terminal
  });

  it('reports every blocking rule of the blocked example as JSON, with facts filled in', async () => {
    const { status, stdout } = await runCli([
      'evaluate',
      'examples/blocked.yaml',
      '--format',
      'json',
    ]);
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.accountId).toBe('wxid_blocked02');
    expect(result.evaluatedAt).toBe('2026-11-24T02:00:00.000Z');
    expect(result.rules.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.lifecycle).toEqual({ state: 'none', data: 'retained' });
    expect(Object.keys(result.policies)).toEqual(['cancel', 'withdraw', 'phone-reuse']);
    expect(result.policies.cancel).toEqual({
      outcome: 'fail',
      reasons: [
        {
          rule: 'cancel.pay-closed',
          source: '2.1',
          message: '微信支付仍处于开通状态，请先关闭微信支付。',
        },
        {
          rule: 'cancel.balance-zero',
          source: '2.1',
          message: '零钱余额 ¥12.50 尚未清空，请先提现或用完。',
        },
        {
          rule: 'cancel.no-pending-refunds',
          source: '2.1',
          message: '还有 1 笔待退款订单，退款完成后才能申请注销。',
        },
        {
          rule: 'cancel.third-party-revoked',
          source: '3.2',
          message: '以下应用或小程序仍持有微信登录授权，请先解除：美团、滴滴出行。',
        },
        {
          rule: 'cancel.wecom-unlinked',
          source: '3.2',
          message: '仍关联以下企业微信，请先解除关联：示例科技有限公司。',
        },
      ],
      consequences: [],
    });
  });

  it('writes English with --lang en', async () => {
    const { status, stdout } = await runCli([
      'evaluate',
      'examples/blocked.yaml',
      '--format',
      'json',
      '--lang',
      'en',
    ]);
    expect(status).toBe(0);
    const reasons = JSON.parse(stdout).policies.cancel.reasons.map(
      (r: { message: string }) => r.message,
    );
    expect(reasons).toContain('The wallet still holds ¥12.50; withdraw or spend it first.');
    expect(reasons).toContain(
      'These apps or mini programs still hold a WeChat login; revoke them first: 美团, 滴滴出行.',
    );
  });

  it('shows the cooling-off line with the days remaining', async () => {
    const { stdout } = await runCli(['evaluate', 'examples/cooling-off.yaml']);
    expect(stdout).toContain(
      '生命周期：冷静期剩余 3 天，至2026年11月27日 10:00（北京时间） · 数据待删除',
    );
    expect(stdout).toContain(
      '→ 在剩余的 3 天内、2026年11月27日 10:00（北京时间）之前登录一次，即可撤回注销申请。 [withdraw.login-cancels]',
    );
    const en = await runCli(['evaluate', 'examples/cooling-off.yaml', '--lang', 'en']);
    expect(en.stdout).toContain(
      'Lifecycle: cooling-off, 3 days remaining, until 27 Nov 2026, 10:00 (UTC+08:00) · data scheduled for deletion',
    );
  });

  it('evaluates unbind only with --unbind, with the bank-card consequence', async () => {
    const { status, stdout } = await runCli([
      'evaluate',
      'examples/eligible.json',
      '--unbind',
      'card-cmb',
      '--format',
      'json',
      '--lang',
      'en',
    ]);
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result.policies)).toEqual(['cancel', 'unbind', 'withdraw', 'phone-reuse']);
    expect(result.policies.unbind.consequences.map((c: { id: string }) => c.id)).toEqual([
      'unbind.account-retained',
      'unbind.phone-stays-bound',
      'unbind.no-undo',
      'unbind.other-cards-usable',
    ]);
    expect(result.policies.unbind.consequences[0].message).toBe(
      'After unbinding 招商银行 ****1234, the account remains; chats, contacts and Moments stay and you can log in as usual.',
    );
  });

  it('gives byte-identical output for the same input and --now', async () => {
    for (const format of ['json', 'text']) {
      const args = [
        'evaluate',
        'examples/cancelled-long-ago.yaml',
        '--now',
        NOW,
        '--format',
        format,
      ];
      const first = await runCli(args);
      const second = await runCli(args);
      expect(first.status).toBe(0);
      expect(second.stdout).toBe(first.stdout);
    }
  });

  it('reads JSON and YAML from stdin with -', async () => {
    const json = await readFile(join(repoRoot, 'examples/eligible.json'), 'utf8');
    const yaml = await readFile(join(repoRoot, 'examples/cooling-off.yaml'), 'utf8');
    const fromJson = await runCli(['evaluate', '-', '--format', 'json'], { stdin: json });
    const fromFile = await runCli(['evaluate', 'examples/eligible.json', '--format', 'json']);
    expect(fromJson.status).toBe(0);
    expect(fromJson.stdout).toBe(fromFile.stdout);
    const fromYaml = await runCli(['evaluate', '-', '--format', 'json'], { stdin: yaml });
    expect(JSON.parse(fromYaml.stdout).lifecycle.state).toBe('cooling_off');
  });

  it('runs as the README runs it: npx account-policy (the built bin is executable)', async () => {
    const { stdout } = await run('npx', ['--no-install', 'account-policy', '--version'], {
      cwd: repoRoot,
    });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints --help for the program and for evaluate, exit 0', async () => {
    const top = await runCli(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('evaluate [options] <snapshot>');
    const sub = await runCli(['evaluate', '--help']);
    expect(sub.status).toBe(0);
    for (const flag of [
      '--now <time>',
      '--unbind <binding-id>',
      '--format <format>',
      '--lang <lang>',
      '--rules <dir>',
    ])
      expect(sub.stdout).toContain(flag);
  });
});

describe('account-policy evaluate on bad input: exit 2, one message on stderr, nothing on stdout', () => {
  async function expectInvalid(
    args: string[],
    stderr: string | RegExp,
    options: { stdin?: string; cwd?: string } = {},
  ) {
    const result = await runCli(args, options);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
    if (typeof stderr === 'string') expect(result.stderr).toBe(stderr);
    else expect(result.stderr).toMatch(stderr);
  }

  async function fixture(name: string, text: string): Promise<{ dir: string; file: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-'));
    await writeFile(join(dir, name), text);
    return { dir, file: name };
  }

  it('names file, line:col, pointer and the expectation for a YAML schema error', async () => {
    const { dir, file } = await fixture(
      'bad.yaml',
      'accountId: wxid_x\nphone: null\npay:\n  enabled: no\n  balanceFen: 0\n  pendingTransactions: 0\n  pendingRefunds: 0\n  bankCards: []\nauthorizations: []\ncancellation: null\n',
    );
    await expectInvalid(
      ['evaluate', file, '--now', NOW],
      'account-policy: bad.yaml:4:12: schema: /pay/enabled: must be true or false, got "no"\n 4 |   enabled: no\n   |            ^\n',
      { cwd: dir },
    );
  });

  it('names the pointer of a missing field', async () => {
    const { dir, file } = await fixture(
      'missing.json',
      '{"accountId":"a","phone":null,"authorizations":[],"cancellation":null}',
    );
    await expectInvalid(
      ['evaluate', file, '--now', NOW],
      /^account-policy: missing\.json:1:1: schema: \/pay: is required but missing\n/,
      { cwd: dir },
    );
  });

  it('refuses a duplicate YAML key', async () => {
    const { dir, file } = await fixture('dup.yaml', 'accountId: a\naccountId: b\n');
    await expectInvalid(
      ['evaluate', file],
      /^account-policy: dup\.yaml:2:1: duplicate-key: \/accountId: key "accountId" appears twice in the same mapping; keep one\n/,
      { cwd: dir },
    );
  });

  it('refuses unparsable JSON from stdin', async () => {
    await expectInvalid(
      ['evaluate', '-'],
      'account-policy: -:1:7: syntax: invalid JSON: value expected\n 1 | {"a": }\n   |       ^\n',
      { stdin: '{"a": }' },
    );
  });

  it('refuses a login after the cooling-off period ended', async () => {
    const { dir, file } = await fixture(
      'late-login.json',
      JSON.stringify({
        accountId: 'a',
        phone: null,
        pay: {
          enabled: false,
          balanceFen: 0,
          pendingTransactions: 0,
          pendingRefunds: 0,
          bankCards: [],
        },
        authorizations: [],
        cancellation: { requestedAt: '2026-01-01T00:00:00Z', firstLoginAt: '2026-01-16T00:00:00Z' },
      }),
    );
    const text = await readFile(join(dir, file), 'utf8');
    const col = text.indexOf('"2026-01-16T00:00:00Z"') + 1;
    // The line is longer than 80 columns: 80 of them are shown, the caret's column 41st of them
    // (after the …), and the line ends inside the window, so no … after it.
    expect(text.length).toBeGreaterThan(80);
    const start = Math.min(col - 41, text.length - 80);
    const shown = `…${text.slice(start, start + 80)}${start + 80 < text.length ? '…' : ''}`;
    await expectInvalid(
      ['evaluate', file, '--now', NOW],
      `account-policy: late-login.json:1:${col}: inconsistent-time: /cancellation/firstLoginAt: must be before the end of the 15-day cooling-off period 2026-01-16T00:00:00.000Z (a cancelled account cannot log in), got "2026-01-16T00:00:00Z"\n` +
        ` 1 | ${shown}\n   | ${' '.repeat(col - start)}^\n`,
      { cwd: dir },
    );
  });

  it('refuses a missing file', async () => {
    await expectInvalid(
      ['evaluate', 'no-such-file.json'],
      'account-policy: no-such-file.json: read-failed: cannot read: no such file\n',
    );
  });

  it('refuses an unknown flag and a bad --format', async () => {
    await expectInvalid(
      ['evaluate', 'examples/eligible.json', '--bogus'],
      "account-policy: error: unknown option '--bogus'\n(add --help for usage)\n",
    );
    await expectInvalid(
      ['evaluate', 'examples/eligible.json', '--format', 'xml'],
      /^account-policy: error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, json\./,
    );
  });

  it('refuses a bad --now and a missing argument', async () => {
    await expectInvalid(
      ['evaluate', 'examples/eligible.json', '--now', '2026-11-24T00:00:00'],
      'account-policy: usage: now: must be an RFC 3339 date-time with a zone offset, e.g. 2026-11-24T08:00:00+08:00, got "2026-11-24T00:00:00"\n',
    );
    await expectInvalid(
      ['evaluate'],
      /^account-policy: error: missing required argument 'snapshot'/,
    );
  });

  it('refuses a --now before the snapshot was captured', async () => {
    await expectInvalid(
      ['evaluate', 'examples/eligible.json', '--now', '2026-01-01T00:00:00Z'],
      /^account-policy: examples\/eligible\.json:3:17: inconsistent-time: \/capturedAt: must not be after the evaluation time 2026-01-01T00:00:00\.000Z/,
    );
  });

  it('refuses a broken rule set with file:line:col and loads nothing of it', async () => {
    const rules = await copyRuleSet({
      edits: [{ file: 'cancel.yaml', find: 'operator: notIn', replace: 'operator: notAmong' }],
    });
    const result = await runCli(
      ['evaluate', join(repoRoot, 'examples/eligible.json'), '--rules', 'rules'],
      { cwd: dirname(rules) },
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^account-policy: rules\/cancel\.yaml:\d+:17: unknown-operator: \/rules\/8\/holdsWhen\/operator: "notAmong" is not an operator json-rules-engine has; use one of equal, /,
    );
  });

  it('refuses a --rules directory that does not exist', async () => {
    await expectInvalid(
      ['evaluate', 'examples/eligible.json', '--rules', 'nowhere'],
      'account-policy: nowhere: read-failed: cannot read: no such file or directory\n',
    );
  });
});
