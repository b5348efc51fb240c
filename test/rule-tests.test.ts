/**
 * `account-policy test` through the real process (and runRuleTests as a library): the shipped
 * rule tests pass with full coverage; a changed parameter, a wrong expectation and a bad case
 * file each give their exit status and exactly the output a compliance reader would see.
 */
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, runRuleTests } from '../src/index.js';
import { copyRuleSet, repoRoot, runCli, type RuleEdit } from './helpers.js';

/** A copy of rules/ (with its tests/) as <tmp>/rules, so output names it `rules/…`; returns <tmp>. */
async function copyRules(edits: readonly RuleEdit[] = []): Promise<string> {
  return dirname(await copyRuleSet({ edits }));
}

/** A copy whose tests/ holds only the given case file (the fixtures stay). */
async function copyWithOnlyCaseFile(name: string, text: string): Promise<string> {
  const dir = await copyRules();
  for (const file of [
    'cancel',
    'unbind',
    'withdraw',
    'phone-reuse',
    'lifecycle',
    'refused-snapshots',
  ])
    await rm(join(dir, 'rules/tests', `${file}.yaml`));
  await writeFile(join(dir, 'rules/tests', name), text);
  return dir;
}

function lastLine(stdout: string): string {
  return stdout.trimEnd().split('\n').at(-1) ?? '';
}

describe('the shipped rule tests', () => {
  it('all pass: exit 0, a ✓ per case, and last "N passed, 0 failed"', async () => {
    const { status, stdout, stderr } = await runCli(['test']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const ticks = stdout.split('\n').filter((line) => line.startsWith('✓ '));
    expect(ticks.length).toBeGreaterThanOrEqual(60);
    expect(stdout).not.toContain('✗');
    expect(lastLine(stdout)).toBe(`${ticks.length} passed, 0 failed`);
    expect(ticks[0]).toBe(
      '✓ a clean account may cancel, with the three consequences of §5.1, §5.2 and §4.2  [rules/tests/cancel.yaml:8]',
    );
  });

  it('cover every rule both holding and failing, listed in rule-set order', async () => {
    const { status, stdout } = await runCli(['test', '--coverage', '--coverage-min', '100']);
    expect(status).toBe(0);
    const policy = await loadPolicy();
    const ruleIds = policy.ruleSet.policies.flatMap((p) => p.rules.map((rule) => rule.id));
    expect(stdout).toContain(
      `Rule coverage: ${ruleIds.length} of ${ruleIds.length} rules seen both holding and failing (100%)\n`,
    );
    const ruleLines = stdout
      .split('\n')
      .filter((line) => / {2}[✓✗] \S+ +held \d+ · failed \d+$/.test(line));
    expect(ruleLines.map((line) => line.trim().split(/\s+/)[1])).toEqual(ruleIds);
    expect(ruleLines.every((line) => line.startsWith('  ✓ '))).toBe(true);
    expect(stdout).toMatch(
      /\n {2}✓ unbind\.other-cards-usable +listed [1-9]\d* · not listed [1-9]\d* \(conditional\)\n/,
    );
    expect(stdout).not.toContain('below --coverage-min');
  });

  it('report the same as JSON for machines', async () => {
    const { status, stdout } = await runCli(['test', '--format', 'json', '--coverage-min', '100']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual([
      'rules',
      'cases',
      'summary',
      'coverage',
      'coverageMin',
      'coverageMet',
    ]);
    expect(report.rules).toEqual({
      dir: 'rules',
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(report.summary).toEqual({ passed: report.cases.length, failed: 0 });
    expect(report.cases[0]).toEqual({
      file: 'rules/tests/cancel.yaml',
      index: 0,
      line: 8,
      description: 'a clean account may cancel, with the three consequences of §5.1, §5.2 and §4.2',
      passed: true,
      differences: [],
    });
    expect(report.coverage).toMatchObject({ rulesCovered: 16, rulesTotal: 16, percent: 100 });
    expect(report.coverage.rules[0]).toEqual({
      id: 'cancel.pay-closed',
      policy: 'cancel',
      held: expect.any(Number),
      failed: expect.any(Number),
      covered: true,
    });
    expect(report.coverageMet).toBe(true);
  });
});

describe('a rule change the cases catch', () => {
  it('coolingOffDays 15 → 7 fails the boundary cases, exit 1, with a diff', async () => {
    const dir = await copyRules([
      { file: 'parameters.yaml', find: 'coolingOffDays: 15', replace: 'coolingOffDays: 7' },
    ]);
    const { status, stdout, stderr } = await runCli(['test', '--rules', 'rules'], { cwd: dir });
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const failed = stdout
      .split('\n')
      .filter((line) => line.startsWith('✗ '))
      .map((line) => line.replace(/^✗ (.*) {2}\[.*\]$/, '$1'));
    expect(failed).toEqual(
      expect.arrayContaining([
        'at the instant of the request, all 15 days remain',
        'the last millisecond of cooling-off is still cooling-off, with 1 day remaining',
        'exactly at the end of cooling-off the account is cancelled for good',
        'the last millisecond before the phone release, the phone is still held',
        'a login in the last millisecond of cooling-off withdraws the request',
      ]),
    );
    expect(stdout).toContain(
      [
        '✗ the last millisecond of cooling-off is still cooling-off, with 1 day remaining  [rules/tests/lifecycle.yaml:35]',
        '    lifecycle:',
        '      - state: cooling_off',
        '      + state: cancelled',
        '      - data: scheduled_for_deletion',
        '      + data: deleted',
        '      - daysRemaining: 1',
        '      + daysRemaining: (none)',
        '    withdraw:',
        '      - failing: []',
        '      + failing: [withdraw.cooling-off-active]',
        '      - message withdraw.login-cancels: "在剩余的 1 天内、2026年11月16日 08:00（北京时间）之前登录一次，即可撤回注销申请。"',
        '      + message withdraw.login-cancels: (none)',
        '    phone-reuse:',
        '      - failing: [phone-reuse.account-cancelled]',
        '      + failing: [phone-reuse.release-period-elapsed]',
        '',
      ].join('\n'),
    );
    expect(lastLine(stdout)).toMatch(new RegExp(`^\\d+ passed, ${failed.length} failed$`));
  });

  it('a case expecting the wrong failing rules: exit 1 and exactly this diff', async () => {
    const dir = await copyWithOnlyCaseFile(
      'wrong.yaml',
      [
        'cases:',
        '  - description: the blocked account fails only on Pay (wrong on purpose)',
        '    now: "2026-11-24T00:00:00Z"',
        '    snapshotFile: fixtures/blocked.yaml',
        '    expect:',
        '      policies:',
        '        cancel:',
        '          failing: [cancel.pay-closed, cancel.balance-zero]',
        '          messages:',
        '            cancel.balance-zero: 零钱余额 ¥12.00 尚未清空，请先提现或用完。',
        '',
      ].join('\n'),
    );
    const { status, stdout, stderr } = await runCli(['test', '--rules', 'rules'], { cwd: dir });
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(stdout).toBe(
      [
        '✗ the blocked account fails only on Pay (wrong on purpose)  [rules/tests/wrong.yaml:2]',
        '    cancel:',
        '      - failing: [cancel.pay-closed, cancel.balance-zero]',
        '      + failing: [cancel.pay-closed, cancel.balance-zero, cancel.no-pending-refunds, cancel.third-party-revoked, cancel.wecom-unlinked]',
        '      - message cancel.balance-zero: "零钱余额 ¥12.00 尚未清空，请先提现或用完。"',
        '      + message cancel.balance-zero: "零钱余额 ¥12.50 尚未清空，请先提现或用完。"',
        '',
        '0 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('an unexpected refusal of an inline snapshot points at its line in the case file', async () => {
    const dir = await copyWithOnlyCaseFile(
      'refused.yaml',
      [
        'cases:',
        '  - description: fractional fen',
        '    now: "2026-11-24T00:00:00Z"',
        '    snapshot:',
        '      accountId: wxid_x',
        '      phone: null',
        '      pay: { enabled: false, balanceFen: 1.5, pendingTransactions: 0, pendingRefunds: 0, bankCards: [] }',
        '      authorizations: []',
        '      cancellation: null',
        '    expect: { lifecycle: none }',
        '',
      ].join('\n'),
    );
    const { status, stdout } = await runCli(['test', '--rules', 'rules'], { cwd: dir });
    expect(status).toBe(1);
    expect(stdout).toContain(
      '    error:\n      - diagnostic: (none)\n      + diagnostic: rules/tests/refused.yaml:7:42: schema: /pay/balanceFen: must be an integer, got 1.5\n',
    );
  });

  it('--coverage-min 100 fails (exit 1) when a removed case file leaves a rule never failing', async () => {
    const dir = await copyRules();
    await rm(join(dir, 'rules/tests/phone-reuse.yaml'));
    const { status, stdout } = await runCli(['test', '--rules', 'rules', '--coverage-min', '100'], {
      cwd: dir,
    });
    expect(status).toBe(1);
    expect(stdout).toContain(
      '\nRule coverage 93.7% is below --coverage-min 100%. Add cases for: phone-reuse.phone-bound (never fails).\n',
    );
    expect(lastLine(stdout)).toMatch(/^\d+ passed, 0 failed$/);
    const withTable = await runCli(['test', '--rules', 'rules', '--coverage'], { cwd: dir });
    expect(withTable.status).toBe(0); // coverage alone never fails the run
    expect(withTable.stdout).toMatch(/\n {2}✗ phone-reuse\.phone-bound +held \d+ · failed 0\n/);
  });
});

describe('bad case files: exit 2, file:line:col and code on stderr, nothing on stdout', () => {
  async function expectInvalid(name: string, text: string, stderr: string) {
    const dir = await copyWithOnlyCaseFile(name, text);
    const result = await runCli(['test', '--rules', 'rules'], { cwd: dir });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(stderr);
    expect(result.status).toBe(2);
  }

  it('a schema error (a misspelt key)', async () => {
    await expectInvalid(
      'typo.yaml',
      'cases:\n  - description: typo\n    now: "2026-11-24T00:00:00Z"\n    snapshotFile: fixtures/blocked.yaml\n    expect:\n      policies:\n        cancel: { failng: [] }\n',
      'account-policy: rules/tests/typo.yaml:7:19: schema: /cases/0/expect/policies/cancel/failng: is not a known field here (check the spelling)\n 7 |         cancel: { failng: [] }\n   |                   ^\n',
    );
  });

  it('a `now` without a zone offset', async () => {
    await expectInvalid(
      'no-zone.yaml',
      'cases:\n  - description: no zone\n    now: "2026-11-24T00:00:00"\n    snapshotFile: fixtures/blocked.yaml\n    expect: { lifecycle: none }\n',
      'account-policy: rules/tests/no-zone.yaml:3:10: schema: /cases/0/now: must be an RFC 3339 date-time with a zone offset, e.g. 2026-11-24T08:00:00+08:00, got "2026-11-24T00:00:00"\n 3 |     now: "2026-11-24T00:00:00"\n   |          ^\n',
    );
  });

  it('an unknown rule id, and one of another policy', async () => {
    await expectInvalid(
      'ids.yaml',
      'cases:\n  - description: ids\n    now: "2026-11-24T00:00:00Z"\n    snapshotFile: fixtures/blocked.yaml\n    expect:\n      policies:\n        cancel: { failing: [cancel.balance-empty, withdraw.cooling-off-active] }\n',
      [
        'account-policy: rules/tests/ids.yaml:7:29: unknown-rule-id: /cases/0/expect/policies/cancel/failing/0: cancel has no rule cancel.balance-empty; its rules are cancel.pay-closed, cancel.balance-zero, cancel.no-pending-transactions, cancel.no-pending-refunds, cancel.third-party-revoked, cancel.official-account-admin-released, cancel.wecom-unlinked, cancel.open-platform-revoked, cancel.not-in-progress',
        ' 7 |         cancel: { failing: [cancel.balance-empty, withdraw.cooling-off-active] }',
        '   |                             ^',
        'account-policy: rules/tests/ids.yaml:7:51: unknown-rule-id: /cases/0/expect/policies/cancel/failing/1: cancel has no rule withdraw.cooling-off-active (it belongs to withdraw); its rules are cancel.pay-closed, cancel.balance-zero, cancel.no-pending-transactions, cancel.no-pending-refunds, cancel.third-party-revoked, cancel.official-account-admin-released, cancel.wecom-unlinked, cancel.open-platform-revoked, cancel.not-in-progress',
        ' 7 |         cancel: { failing: [cancel.balance-empty, withdraw.cooling-off-active] }',
        '   |                                                   ^',
        '',
      ].join('\n'),
    );
  });

  it('a snapshotFile that does not exist', async () => {
    await expectInvalid(
      'missing.yaml',
      'cases:\n  - description: missing fixture\n    now: "2026-11-24T00:00:00Z"\n    snapshotFile: fixtures/nowhere.yaml\n    expect: { lifecycle: none }\n',
      'account-policy: rules/tests/missing.yaml:4:19: read-failed: /cases/0/snapshotFile: cannot read rules/tests/fixtures/nowhere.yaml: no such file; snapshotFile is relative to this case file\n 4 |     snapshotFile: fixtures/nowhere.yaml\n   |                   ^\n',
    );
  });

  it('a case that contradicts itself', async () => {
    await expectInvalid(
      'contradiction.yaml',
      'cases:\n  - description: unbind without a target\n    now: "2026-11-24T00:00:00Z"\n    snapshotFile: fixtures/blocked.yaml\n    expect:\n      policies:\n        unbind: { failing: [] }\n',
      'account-policy: rules/tests/contradiction.yaml:7:9: bad-rule-test: /cases/0/expect/policies/unbind: unbind is evaluated only for a target: add `unbind: <binding id>` to the case\n 7 |         unbind: { failing: [] }\n   |         ^\n',
    );
  });

  it('a rule set without tests/', async () => {
    const dir = await copyRules();
    await rm(join(dir, 'rules/tests'), { recursive: true });
    const result = await runCli(['test', '--rules', 'rules'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'account-policy: rules/tests: no-rule-tests: there are no rule test cases here: add a <name>.yaml file with `cases:` (docs/rule-tests.md shows how)\n',
    );
  });

  it('a bad --coverage-min is a usage error', async () => {
    const result = await runCli(['test', '--coverage-min', 'all']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "option '--coverage-min <percent>' argument 'all' is invalid. must be a number from 0 to 100, e.g. 100.",
    );
  });
});

describe('runRuleTests (library)', () => {
  it('returns data: per case, a summary and coverage', async () => {
    const outcome = await runRuleTests({ cwd: repoRoot });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.diagnostics));
    const { report } = outcome;
    expect(report.summary.failed).toBe(0);
    expect(report.coverage.percent).toBe(100);
    const boundary = report.cases.find(
      (result) =>
        result.description ===
        'exactly at the end of cooling-off the account is cancelled for good',
    );
    expect(boundary).toEqual({
      file: 'rules/tests/lifecycle.yaml',
      index: 4,
      line: 47,
      description: boundary?.description,
      passed: true,
      differences: [],
    });
  });

  it('returns diagnostics, not a report, for an invalid case file', async () => {
    const dir = await copyWithOnlyCaseFile('bad.yaml', 'cases: []\n');
    const outcome = await runRuleTests({ rules: 'rules', cwd: dir });
    expect(outcome).toEqual({
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'schema',
          message: 'must list at least one item',
          messages: { 'zh-CN': '至少要列出一项', en: 'must list at least one item' },
          file: 'rules/tests/bad.yaml',
          pointer: '/cases',
          line: 1,
          col: 8,
          lineText: 'cases: []',
        },
      ],
    });
  });

  it('--help lists the test command and its flags', async () => {
    const top = await runCli(['--help']);
    expect(top.stdout).toContain('test [options]');
    const sub = await runCli(['test', '--help']);
    expect(sub.status).toBe(0);
    for (const flag of [
      '--rules <dir>',
      '--coverage',
      '--coverage-min <percent>',
      '--format <format>',
    ])
      expect(sub.stdout).toContain(flag);
  });
});
