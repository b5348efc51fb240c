import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, loadRuleSet, type Diagnostic, type DiagnosticCode } from '../src/index.js';
import { copyRuleSet, repoRoot, runCli, type RuleEdit } from './helpers.js';

const BASELINE = join(repoRoot, 'test/fixtures/rule-set');

interface Mistake {
  description: string;
  file: string;
  /** Text in the baseline file (exactly once) and what replaces it. */
  find: string;
  replace: string;
  code: DiagnosticCode;
  /** Where the diagnostic must point: the first occurrence of this text in the broken file. */
  at: string;
  /** Column offset inside `at` (default 0: its first character). */
  offset?: number;
}

/** A copy of the baseline rule set with the given edits. */
function brokenRuleSet(edits: readonly RuleEdit[]): Promise<string> {
  return copyRuleSet({ from: BASELINE, edits });
}

/** `evaluate` of the eligible example under the rule set in `dir` (a real process). */
function evaluateEligible(dir: string) {
  return runCli(['evaluate', join(repoRoot, 'examples/eligible.json'), '--rules', dir]);
}

function position(text: string, marker: string, offset = 0): { line: number; col: number } {
  const index = text.indexOf(marker);
  expect(index, `marker ${JSON.stringify(marker)}`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, index + offset);
  return { line: before.split('\n').length, col: index + offset - before.lastIndexOf('\n') };
}

const MISTAKES: Mistake[] = [
  {
    description: 'YAML syntax error',
    file: 'cancel.yaml',
    find: 'policy: cancel',
    replace: 'policy: [cancel',
    code: 'syntax',
    at: 'title:',
  },
  {
    description: 'schema violation: an unknown key',
    file: 'cancel.yaml',
    find: '    description: The wallet (零钱) must be empty.\n',
    replace: '    description: The wallet (零钱) must be empty.\n    severity: high\n',
    code: 'schema',
    at: 'severity',
  },
  {
    description: 'schema violation: a number where a string belongs',
    file: 'withdraw.yaml',
    find: 'source: "5.2"\n    description: The cooling-off',
    replace: 'source: 5.2\n    description: The cooling-off',
    code: 'schema',
    at: '5.2\n',
  },
  {
    description: 'schema violation: premise as a string, not a boolean',
    file: 'withdraw.yaml',
    find: '    description: The cooling-off period must not be over.\n',
    replace: '    description: The cooling-off period must not be over.\n    premise: "yes"\n',
    code: 'schema',
    at: '"yes"',
  },
  {
    description: 'duplicate rule id across files',
    file: 'withdraw.yaml',
    find: 'id: withdraw.cooling-off-active',
    replace: 'id: cancel.balance-zero',
    code: 'duplicate-id',
    at: 'cancel.balance-zero',
  },
  {
    description: 'duplicate id within a file',
    file: 'cancel.yaml',
    find: 'id: cancel.wecom-unlinked',
    replace: 'id: cancel.pay-closed',
    code: 'duplicate-id',
    at: 'cancel.pay-closed\n    source: "3.2"',
  },
  {
    description: 'rule id not <policy>.<kebab-name>',
    file: 'cancel.yaml',
    find: 'id: cancel.balance-zero',
    replace: 'id: cancel.balanceZero',
    code: 'bad-rule-id',
    at: 'cancel.balanceZero',
  },
  {
    description: 'rule id of another policy',
    file: 'unbind.yaml',
    find: 'id: unbind.account-active',
    replace: 'id: account-active',
    code: 'bad-rule-id',
    at: 'account-active\n',
  },
  {
    description: 'a path the facts do not define',
    file: 'cancel.yaml',
    find: 'path: $.balanceFen',
    replace: 'path: $.balance',
    code: 'unknown-fact-path',
    at: '$.balance\n',
  },
  {
    description: 'a fact that does not exist',
    file: 'cancel.yaml',
    find: '      fact: pay\n      path: $.enabled',
    replace: '      fact: wallet\n      path: $.enabled',
    code: 'unknown-fact-path',
    at: 'wallet',
  },
  {
    description: 'an operator json-rules-engine does not have',
    file: 'cancel.yaml',
    find: 'operator: notIn',
    replace: 'operator: notAmong',
    code: 'unknown-operator',
    at: 'notAmong',
  },
  {
    description: 'a string compared with a number fact',
    file: 'cancel.yaml',
    find: '      path: $.balanceFen\n      operator: equal\n      value: 0',
    replace: '      path: $.balanceFen\n      operator: equal\n      value: "0"',
    code: 'type-mismatch',
    at: '"0"',
  },
  {
    description: 'greaterThan on a boolean fact',
    file: 'cancel.yaml',
    find: '      path: $.enabled\n      operator: equal',
    replace: '      path: $.enabled\n      operator: greaterThan',
    code: 'type-mismatch',
    at: 'greaterThan',
  },
  {
    description: 'a substring-style in',
    file: 'withdraw.yaml',
    find: 'operator: in\n      value: [cooling_off, cancelled]',
    replace: 'operator: in\n      value: cooling_off cancelled',
    code: 'type-mismatch',
    at: 'cooling_off cancelled',
  },
  {
    description: 'a value the fact can never have',
    file: 'withdraw.yaml',
    find: 'operator: notEqual\n      value: cancelled',
    replace: 'operator: notEqual\n      value: canceled',
    code: 'type-mismatch',
    at: 'canceled',
  },
  {
    description: 'doesNotContain with a number where the list holds names',
    file: 'cancel.yaml',
    find: 'path: $.wecom.count\n      operator: equal\n      value: 0',
    replace: 'path: $.wecom.names\n      operator: doesNotContain\n      value: 12345',
    code: 'type-mismatch',
    at: '12345',
  },
  {
    description: 'doesNotContain null',
    file: 'cancel.yaml',
    find: 'path: $.wecom.count\n      operator: equal\n      value: 0',
    replace: 'path: $.wecom.names\n      operator: doesNotContain\n      value: ~',
    code: 'type-mismatch',
    at: '~',
  },
  {
    description: 'equal against a fact of another type',
    file: 'cancel.yaml',
    find: 'path: $.balanceFen\n      operator: equal\n      value: 0',
    replace:
      'path: $.balanceFen\n      operator: equal\n      value: { fact: pay, path: $.enabled }',
    code: 'type-mismatch',
    at: '{ fact: pay',
  },
  {
    description: 'contains a fact of another type than the items',
    file: 'cancel.yaml',
    find: 'path: $.wecom.count\n      operator: equal\n      value: 0',
    replace:
      'path: $.wecom.names\n      operator: doesNotContain\n      value: { fact: pay, path: $.balanceFen }',
    code: 'type-mismatch',
    at: '{ fact: pay',
  },
  {
    description: 'notEqual against the same fact',
    file: 'cancel.yaml',
    find: 'path: $.balanceFen\n      operator: equal\n      value: 0',
    replace:
      'path: $.balanceFen\n      operator: equal\n      value: { fact: pay, path: $.balanceFen }',
    code: 'compares-with-itself',
    at: '{ fact: pay',
  },
  {
    description: 'requiresTarget on cancel, which every answer must carry',
    file: 'cancel.yaml',
    find: 'policy: cancel\n',
    replace: 'policy: cancel\nrequiresTarget: true\n',
    code: 'target-contract-mismatch',
    at: 'requiresTarget: true',
    offset: 16,
  },
  {
    description: 'unbind without requiresTarget',
    file: 'unbind.yaml',
    find: 'requiresTarget: true\n',
    replace: '',
    code: 'target-contract-mismatch',
    at: 'unbind\n',
  },
  {
    description: 'notIn [] (a rule that can never fail)',
    file: 'cancel.yaml',
    find: 'path: $.enabled\n      operator: equal\n      value: false',
    replace: 'path: $.enabled\n      operator: notIn\n      value: []',
    code: 'rule-cannot-fail',
    at: 'fact: pay\n      path: $.enabled',
  },
  {
    description: 'greaterThanInclusive 0 on the balance (never negative)',
    file: 'cancel.yaml',
    find: 'path: $.balanceFen\n      operator: equal\n      value: 0',
    replace: 'path: $.balanceFen\n      operator: greaterThanInclusive\n      value: 0',
    code: 'rule-cannot-fail',
    at: 'fact: pay\n      path: $.balanceFen',
  },
  {
    description: 'in [true, false] on a boolean',
    file: 'cancel.yaml',
    find: 'path: $.enabled\n      operator: equal\n      value: false',
    replace: 'path: $.enabled\n      operator: in\n      value: [true, false]',
    code: 'rule-cannot-fail',
    at: 'fact: pay\n      path: $.enabled',
  },
  {
    description: 'any of a condition and its negation',
    file: 'cancel.yaml',
    find: '      fact: pay\n      path: $.enabled\n      operator: equal\n      value: false',
    replace:
      '      any:\n        - { fact: pay, path: $.enabled, operator: equal, value: false }\n        - not: { fact: pay, path: $.enabled, operator: equal, value: false }',
    code: 'rule-cannot-fail',
    at: 'any:',
  },
  {
    description: 'a balance below zero (a rule that can never hold)',
    file: 'cancel.yaml',
    find: 'path: $.balanceFen\n      operator: equal\n      value: 0',
    replace: 'path: $.balanceFen\n      operator: lessThan\n      value: 0',
    code: 'rule-cannot-hold',
    at: 'fact: pay\n      path: $.balanceFen',
  },
  {
    description: 'a fact reference between two enums with no value in common',
    file: 'cancel.yaml',
    find: '      operator: notIn\n      value: [cooling_off, cancelled]',
    replace: '      operator: notEqual\n      value: { fact: lifecycle, path: $.data }',
    code: 'type-mismatch',
    at: '{ fact: lifecycle',
  },
  {
    description: 'two lists compared with notEqual (by identity: always true)',
    file: 'cancel.yaml',
    find: 'path: $.wecom.count\n      operator: equal\n      value: 0',
    replace:
      'path: $.wecom.names\n      operator: notEqual\n      value: { fact: authorizations, path: $.app.names }',
    code: 'type-mismatch',
    at: '{ fact: authorizations',
  },
  {
    description: 'an empty all',
    file: 'cancel.yaml',
    find: '    holdsWhen:\n      all:\n        - fact: authorizations\n          path: $.app.count\n          operator: equal\n          value: 0\n        - fact: authorizations\n          path: $.mini_program.count\n          operator: equal\n          value: 0\n',
    replace: '    holdsWhen:\n      all: []\n',
    code: 'empty-condition',
    at: '[]',
  },
  {
    description: 'a JSONPath filter',
    file: 'cancel.yaml',
    find: 'path: $.enabled',
    replace: 'path: "$..[?(@.constructor)]"',
    code: 'unsafe-path',
    at: '"$..[',
  },
  {
    description: 'a JSONPath wildcard',
    file: 'cancel.yaml',
    find: 'path: $.pendingRefunds',
    replace: 'path: $.*',
    code: 'unsafe-path',
    at: '$.*',
  },
  {
    description: 'a reason without English',
    file: 'cancel.yaml',
    find: '      en: WeChat Pay is still switched on; turn it off first.\n',
    replace: '',
    code: 'missing-translation',
    at: 'zh-CN: 微信支付仍处于开通状态',
  },
  {
    description: 'a consequence without Chinese',
    file: 'withdraw.yaml',
    find: '      zh-CN: 在剩余的',
    replace: '      zh: 在剩余的',
    code: 'missing-translation',
    at: 'zh: 在剩余的',
  },
  {
    description: 'a placeholder that names no fact',
    file: 'cancel.yaml',
    find: '零钱余额 ¥{pay.balanceYuan}',
    replace: '零钱余额 ¥{pay.balanceYen}',
    code: 'unknown-placeholder',
    // the caret is at the placeholder, after the Chinese text
    at: '{pay.balanceYen}',
  },
  {
    description: 'a source section that does not exist',
    file: 'cancel.yaml',
    find: 'source: "2.1"\n    description: The wallet',
    replace: 'source: "2.9"\n    description: The wallet',
    code: 'unknown-section',
    at: '"2.9"',
  },
  {
    description: 'a parameter of the wrong type',
    file: 'parameters.yaml',
    find: 'coolingOffDays: 15',
    replace: 'coolingOffDays: "15"',
    code: 'bad-parameter',
    at: '"15"',
  },
  {
    description: 'a missing parameter',
    file: 'parameters.yaml',
    find: '  phoneReleaseDays: 30\n',
    replace: '',
    code: 'bad-parameter',
    at: 'coolingOffDays: 15',
  },
  {
    description: 'a policy with no rules',
    file: 'unbind.yaml',
    find: 'rules:\n  - id: unbind.target-bound',
    replace: 'rules: []\nold:\n  - id: unbind.target-bound',
    code: 'policy-without-rules',
    at: '[]',
  },
  {
    description: 'a file named after no policy',
    file: 'withdraw.yaml',
    find: 'policy: withdraw',
    replace: 'policy: cancel',
    code: 'policy-name-mismatch',
    at: 'cancel\ntitle',
  },
];

function findDiagnostic(
  diagnostics: readonly Diagnostic[],
  code: DiagnosticCode,
  file: string,
): Diagnostic | undefined {
  return diagnostics.find((d) => d.code === code && d.file === file);
}

const OPERATORS =
  'equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain';

describe('check catches each mistake, at its file, line and column', () => {
  it.each(MISTAKES)('$description → $code', async (mistake) => {
    const dir = await brokenRuleSet([mistake]);
    const outcome = await loadRuleSet(dir);
    expect(outcome.ok).toBe(false);
    const text = await readFile(join(dir, mistake.file), 'utf8');
    const found = findDiagnostic(outcome.diagnostics, mistake.code, join(dir, mistake.file));
    expect(found, JSON.stringify(outcome.diagnostics, null, 1)).toBeDefined();
    expect({ line: found?.line, col: found?.col }).toEqual(
      position(text, mistake.at, mistake.offset),
    );
    expect(found?.severity).toBe('error');
    await rm(dir, { recursive: true });
  });
});

describe('premise: true', () => {
  const premiseEdit = (value: string): RuleEdit => ({
    file: 'withdraw.yaml',
    find: '    description: The cooling-off period must not be over.\n',
    replace: `    description: The cooling-off period must not be over.\n    premise: ${value}\n`,
  });

  it('is carried into the loaded rule set; a rule without it is not a premise', async () => {
    const dir = await brokenRuleSet([premiseEdit('true')]);
    const outcome = await loadRuleSet(dir);
    expect(outcome.ok, JSON.stringify(outcome.diagnostics)).toBe(true);
    if (!outcome.ok) return;
    const premises = outcome.ruleSet.policies.flatMap((p) =>
      p.rules.map((r) => [r.id, r.premise] as const),
    );
    // The baseline marks no premise: only the one added here is, and every other rule says false.
    expect(premises.filter(([, premise]) => premise !== false)).toEqual([
      ['withdraw.cooling-off-active', true],
    ]);
    await rm(dir, { recursive: true });
  });

  it('refuses "yes" in check, with file:line:col and the values it takes', async () => {
    const dir = await brokenRuleSet([premiseEdit('"yes"')]);
    const { status, stdout } = await runCli(['check', '--rules', dir]);
    expect(status).toBe(2);
    const text = await readFile(join(dir, 'withdraw.yaml'), 'utf8');
    const { line, col } = position(text, '"yes"');
    expect(stdout).toContain(`withdraw.yaml:${line}:${col}: schema: /rules/1/premise:`);
    expect(stdout).toMatch(/premise: must be true or false, got "yes"/);
    await rm(dir, { recursive: true });
  });
});

describe('account-policy check (real process)', () => {
  it('passes the shipped rules: exit 0 and a one-line summary', async () => {
    const { status, stdout, stderr } = await runCli(['check']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe('✓ rules: 4 policies, 16 rules, 9 consequences; 0 errors, 0 warnings\n');
  });

  it('lists every problem in every file, with a caret under each, and exits 2', async () => {
    const dir = await brokenRuleSet([
      { file: 'cancel.yaml', find: 'operator: notIn', replace: 'operator: notAmong' },
      { file: 'cancel.yaml', find: 'path: $.pendingRefunds', replace: 'path: $.refunds' },
      { file: 'parameters.yaml', find: 'coolingOffDays: 15', replace: 'coolingOffDays: -1' },
    ]);
    const { status, stdout } = await runCli(['check', '--rules', '.'], { cwd: dir });
    expect(status).toBe(2);
    expect(stdout).toBe(
      [
        'cancel.yaml:58:13: unknown-fact-path: /rules/3/holdsWhen/path: the pay fact has no $.refunds; $ has enabled, balanceFen, balanceYuan, pendingTransactions, pendingRefunds, bankCards',
        ' 58 |       path: $.refunds',
        '    |             ^',
        'cancel.yaml:124:17: unknown-operator: /rules/8/holdsWhen/operator: "notAmong" is not an operator json-rules-engine has; use one of equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain',
        ' 124 |       operator: notAmong',
        '     |                 ^',
        'parameters.yaml:8:19: bad-parameter: /parameters/coolingOffDays: must be >= 1, got -1',
        ' 8 |   coolingOffDays: -1',
        '   |                   ^',
        '✗ .: 3 errors, 0 warnings; nothing evaluates with this rule set until they are fixed',
        '',
      ].join('\n'),
    );
  });

  it('refuses a rule set that drops a public rule id, and evaluate and the library refuse it too', async () => {
    const dir = await brokenRuleSet([
      {
        file: 'withdraw.yaml',
        find: '  - id: withdraw.cooling-off-active\n',
        replace: '  - id: withdraw.cooling-off-still-active\n',
      },
    ]);
    const message = `${join(dir, 'withdraw.yaml')}:13:3: missing-contract-id: /rules: withdraw.cooling-off-active is part of the public contract (callers and reports key on it) but withdraw no longer defines it as a rule; removing it changes the contract (docs/authoring.md)\n 13 |   - id: withdraw.cancellation-requested\n    |   ^`;
    const checked = await runCli(['check', '--rules', dir]);
    expect(checked.status).toBe(2);
    expect(checked.stdout).toBe(
      `${message}\n✗ ${dir}: 1 error, 0 warnings; nothing evaluates with this rule set until they are fixed\n`,
    );
    const evaluated = await evaluateEligible(dir);
    expect(evaluated.status).toBe(2);
    expect(evaluated.stdout).toBe('');
    expect(evaluated.stderr).toBe(`account-policy: ${message}\n`);
    await expect(loadPolicy({ rules: dir })).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'missing-contract-id', severity: 'error' })],
    });
  });

  it('warns about a consequence that can never apply; --strict makes the warning fail', async () => {
    const dir = await brokenRuleSet([
      {
        file: 'unbind.yaml',
        find: '      path: $.kind\n      operator: equal\n      value: bank_card',
        replace: '      path: $.kind\n      operator: in\n      value: []',
      },
    ]);
    const lenient = await runCli(['check', '--rules', dir]);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toMatch(
      new RegExp(
        `^${join(dir, 'unbind.yaml').replace(/[.]/g, '\\.')}:61:7: warning: consequence-never-applies: /consequences/3/appliesWhen: unbind\\.other-cards-usable: appliesWhen is true for no possible account`,
      ),
    );
    expect(lenient.stdout).toContain(
      `✓ ${dir}: 4 policies, 16 rules, 9 consequences; 0 errors, 1 warning\n`,
    );
    const strict = await runCli(['check', '--rules', dir, '--strict']);
    expect(strict.status).toBe(2);
    expect(strict.stdout).toContain(`; 0 errors, 1 warning (--strict)`);
  });

  it('refuses a public rule moved under consequences: it no longer decides anything', async () => {
    const dir = await brokenRuleSet([
      {
        file: 'cancel.yaml',
        find: '  - id: cancel.balance-zero\n',
        replace: '  - id: cancel.balance-empty\n',
      },
      {
        file: 'cancel.yaml',
        find: '  - id: cancel.cooling-off-starts\n',
        replace:
          '  - id: cancel.balance-zero\n    source: "2.1"\n    message: { zh-CN: 零钱, en: wallet }\n  - id: cancel.cooling-off-starts\n',
      },
    ]);
    const outcome = await loadRuleSet(dir);
    expect(outcome.ok).toBe(false);
    expect(outcome.diagnostics.map((d) => [d.code, d.pointer, d.message])).toEqual([
      [
        'missing-contract-id',
        '/rules',
        'cancel.balance-zero is part of the public contract (callers and reports key on it) but cancel no longer defines it as a rule; removing it changes the contract (docs/authoring.md)',
      ],
    ]);
  });

  it('reports as JSON with --format json', async () => {
    const dir = await brokenRuleSet([
      { file: 'cancel.yaml', find: 'operator: notIn', replace: 'operator: notAmong' },
    ]);
    const { status, stdout } = await runCli(['check', '--rules', dir, '--format', 'json']);
    expect(status).toBe(2);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ rules: dir, digest: null, errors: 1, warnings: 0 });
    expect(report.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'unknown-operator',
        message: `"notAmong" is not an operator json-rules-engine has; use one of ${OPERATORS}`,
        messages: {
          'zh-CN': `"notAmong" 不是 json-rules-engine 的运算符；请使用以下之一：${OPERATORS}`,
          en: `"notAmong" is not an operator json-rules-engine has; use one of ${OPERATORS}`,
        },
        file: join(dir, 'cancel.yaml'),
        pointer: '/rules/8/holdsWhen/operator',
        line: 124,
        col: 17,
        lineText: '      operator: notAmong',
      },
    ]);
  });

  it('evaluate and the library refuse a rule set check refuses, the same way', async () => {
    const dir = await brokenRuleSet([
      { file: 'cancel.yaml', find: 'path: $.enabled', replace: 'path: "$..[?(@.constructor)]"' },
    ]);
    await expect(loadPolicy({ rules: dir })).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'unsafe-path', line: 22, col: 13 })],
    });
    const evaluated = await evaluateEligible(dir);
    expect(evaluated.status).toBe(2);
    expect(evaluated.stdout).toBe('');
    expect(evaluated.stderr).toContain(
      `${join(dir, 'cancel.yaml')}:22:13: unsafe-path: /rules/0/holdsWhen/path: "$..[?(@.constructor)]" is not a plain property path`,
    );
  });
});
