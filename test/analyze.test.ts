/**
 * `account-policy analyze` through the real CLI process: every answer about the shipped rules,
 * each witness replayed here through `evaluate` (independently of the analysis's own replay),
 * the answers on rule shapes that cannot fail, cannot hold, or cannot be decided, and
 * `--write-tests`, including what it must never overwrite.
 */
import { readdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeRuleSet,
  AnalysisBug,
  createPolicy,
  loadPolicy,
  loadRuleSet,
  type Analysis,
  type EntryAnalysis,
  type Policy,
  type Witness,
} from '../src/index.js';
import { copyRuleSet, publishedSchema, repoRoot, runCli, type RuleEdit } from './helpers.js';

const BASELINE = join(repoRoot, 'test/fixtures/rule-set');

async function analyze(edits: readonly RuleEdit[], ...flags: string[]) {
  const dir = await copyRuleSet({ from: BASELINE, edits });
  const run = await runCli(['analyze', '--rules', dir, '--format', 'json', ...flags]);
  return { dir, run, analysis: run.stdout ? (JSON.parse(run.stdout) as Analysis) : undefined };
}

const entry = (analysis: Analysis | undefined, id: string): EntryAnalysis => {
  const found = [...(analysis?.rules ?? []), ...(analysis?.consequences ?? [])].find(
    (e) => e.id === id,
  );
  if (!found) throw new Error(`no entry ${id}`);
  return found;
};

/** What `evaluate` says of a rule on a witness: does the policy list it among its reasons? */
async function ruleFails(policy: Policy, witness: Witness, name: string, rule: string) {
  const result = await policy.evaluate(witness.snapshot, {
    now: witness.now,
    unbind: witness.unbind,
  });
  return result.policies[name as 'cancel']!.reasons.some((reason) => reason.rule === rule);
}

const balanceAtLeastZero: RuleEdit = {
  file: 'cancel.yaml',
  find: '      path: $.balanceFen\n      operator: equal\n      value: 0',
  replace: '      path: $.balanceFen\n      operator: greaterThanInclusive\n      value: 0',
};

describe('analyze on the shipped rules', () => {
  let analysis: Analysis;
  let status: number | null;
  beforeAll(async () => {
    const run = await runCli(['analyze', '--format', 'json']);
    status = run.status;
    analysis = JSON.parse(run.stdout) as Analysis;
  });

  it('shows every rule holding and failing (exit 0), in the shape of analysis.schema.json', () => {
    expect(status).toBe(0);
    expect(publishedSchema('analysis')(analysis)).toBe(true);
    expect(analysis.rules.map((r) => [r.id, r.canHold, r.canFail])).toEqual(
      [
        'cancel.pay-closed',
        'cancel.balance-zero',
        'cancel.no-pending-transactions',
        'cancel.no-pending-refunds',
        'cancel.third-party-revoked',
        'cancel.official-account-admin-released',
        'cancel.wecom-unlinked',
        'cancel.open-platform-revoked',
        'cancel.not-in-progress',
        'unbind.target-bound',
        'unbind.account-active',
        'withdraw.cancellation-requested',
        'withdraw.cooling-off-active',
        'phone-reuse.phone-bound',
        'phone-reuse.account-cancelled',
        'phone-reuse.release-period-elapsed',
      ].map((id) => [id, true, true]),
    );
    expect(analysis.consequences.map((c) => [c.id, c.canHold, c.canFail])).toEqual([
      ['unbind.other-cards-usable', true, true],
    ]);
    expect(entry(analysis, 'cancel.balance-zero')).toMatchObject({
      file: 'rules/cancel.yaml',
      line: 29,
      policy: 'cancel',
    });
  });

  it('gives witnesses on which evaluate really gives that outcome', async () => {
    const policy = await loadPolicy();
    const snapshotValid = publishedSchema('account-snapshot');
    for (const rule of analysis.rules) {
      expect(snapshotValid(rule.holds!.snapshot), rule.id).toBe(true);
      expect(await ruleFails(policy, rule.holds!, rule.policy, rule.id), rule.id).toBe(false);
      expect(await ruleFails(policy, rule.fails!, rule.policy, rule.id), rule.id).toBe(true);
      // unbind rules are only evaluated with a target; the others need none
      expect(rule.holds!.unbind !== undefined, rule.id).toBe(rule.policy === 'unbind');
    }
    const cards = entry(analysis, 'unbind.other-cards-usable');
    const listed = async (w: Witness) =>
      (await policy.evaluate(w.snapshot, { now: w.now, unbind: w.unbind })).policies.unbind!;
    expect((await listed(cards.holds!)).consequences.map((c) => c.id)).toContain(
      'unbind.other-cards-usable',
    );
    const notListed = await listed(cards.fails!);
    expect(notListed.outcome).toBe('pass');
    expect(notListed.consequences.map((c) => c.id)).not.toContain('unbind.other-cards-usable');
  });

  it('keeps witnesses as close to the plain account as it can', () => {
    const fails = entry(analysis, 'cancel.balance-zero').fails!;
    expect(fails).toEqual({
      snapshot: {
        accountId: 'wxid_witness',
        phone: '+86 138 0000 0000',
        pay: {
          enabled: false,
          balanceFen: 1,
          pendingTransactions: 0,
          pendingRefunds: 0,
          bankCards: [],
        },
        authorizations: [],
        cancellation: null,
      },
      now: '2026-01-01T00:00:00.000Z',
    });
  });

  it('prints, as text, each side with how its witness differs from the plain account', async () => {
    const run = await runCli(['analyze', '--lang', 'en']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      [
        '✓ cancel.balance-zero  rules/cancel.yaml:29',
        '    holds: the plain account (Pay off, nothing owed, nothing bound, no cancellation)',
        '    fails: pay.balanceFen=1',
      ].join('\n'),
    );
    expect(run.stdout).toMatch(
      /✓ 16 rules, 1 conditional consequence: every rule can hold and can fail\n$/,
    );
    // no --lang: the locale's language
    const zh = await runCli(['analyze'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stdout).toContain('    不成立：pay.enabled=true\n');
  });
});

describe('analyze on rules that cannot fail, cannot hold, or cannot be decided', () => {
  it('a balance rule that holds for every balance cannot fail: no witness, a proof, exit 1', async () => {
    const { run, analysis } = await analyze([balanceAtLeastZero]);
    expect(run.status).toBe(1);
    expect(entry(analysis, 'cancel.balance-zero')).toMatchObject({
      canHold: true,
      canFail: false,
      fails: null,
    });
    const text = await runCli([
      'analyze',
      '--rules',
      (await analyze([balanceAtLeastZero])).dir,
      '--lang',
      'en',
    ]);
    expect(text.stdout).toContain('✗ cancel.balance-zero  ');
    expect(text.stdout).toContain('    fails: never: proved impossible (docs/analysis.md)\n');
    expect(text.stdout).toMatch(
      /✗ 16 rules, 1 conditional consequence: 1 of 16 rules cannot be shown to hold and to fail\n$/,
    );
  });

  it('notIn: [] cannot fail; lessThan: 0 on a count cannot hold', async () => {
    const { analysis } = await analyze([
      {
        file: 'cancel.yaml',
        find: 'operator: notIn\n      value: [cooling_off, cancelled]',
        replace: 'operator: notIn\n      value: []',
      },
      {
        file: 'cancel.yaml',
        find: '      path: $.pendingRefunds\n      operator: equal\n      value: 0',
        replace: '      path: $.pendingRefunds\n      operator: lessThan\n      value: 0',
      },
    ]);
    expect(entry(analysis, 'cancel.not-in-progress')).toMatchObject({
      canHold: true,
      canFail: false,
    });
    expect(entry(analysis, 'cancel.no-pending-refunds')).toMatchObject({
      canHold: false,
      canFail: true,
      holds: null,
    });
  });

  it('says unknown when facts that go together are asked apart (no witness, no proof)', async () => {
    // daysRemaining is a number only while cooling off: with state none it is always null
    const { run, analysis } = await analyze([
      {
        file: 'cancel.yaml',
        find: '      fact: pay\n      path: $.enabled\n      operator: equal\n      value: false',
        replace: [
          '      all:',
          '        - { fact: lifecycle, path: $.state, operator: equal, value: none }',
          '        - { fact: lifecycle, path: $.daysRemaining, operator: greaterThan, value: 0 }',
        ].join('\n'),
      },
    ]);
    expect(run.status).toBe(1);
    expect(entry(analysis, 'cancel.pay-closed')).toMatchObject({
      canHold: 'unknown',
      canFail: true,
      holds: null,
    });
  });

  it('finds witnesses that need facts derived together: days remaining, a target by id', async () => {
    const { run, analysis } = await analyze([
      {
        file: 'withdraw.yaml',
        find: 'path: $.state\n      operator: in\n      value: [cooling_off, cancelled]',
        replace: 'path: $.daysRemaining\n      operator: greaterThan\n      value: 9',
      },
      {
        file: 'unbind.yaml',
        find: '      fact: target\n      path: $.found\n      operator: equal\n      value: true',
        replace:
          '      fact: target\n      path: $.id\n      operator: equal\n      value: card-cmb',
      },
    ]);
    expect(run.status).toBe(0);
    const days = entry(analysis, 'withdraw.cancellation-requested');
    const policy = await loadPolicy();
    const holds = await policy.evaluate(days.holds!.snapshot, { now: days.holds!.now });
    expect(holds.lifecycle.state).toBe('cooling_off');
    expect(holds.lifecycle.daysRemaining).toBe(10); // the first whole day past the constant
    expect(entry(analysis, 'unbind.target-bound').holds!.unbind).toBe('card-cmb');
  });

  it('refuses a rule set with other errors (exit 2, diagnostics on stderr, nothing on stdout)', async () => {
    const { run } = await analyze([
      { file: 'cancel.yaml', find: 'operator: notIn', replace: 'operator: notAnOperator' },
    ]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /cancel\.yaml:\d+:\d+: unknown-operator: \/rules\/8\/holdsWhen\/operator: /,
    );
  });
});

describe('a witness that does not reproduce is a bug, never an answer', () => {
  it('throws AnalysisBug when the evaluator disagrees with the search', async () => {
    const loaded = await loadRuleSet(join(repoRoot, 'rules'));
    if (!loaded.ok) throw new Error('the shipped rules must load');
    const real = createPolicy(loaded.ruleSet);
    // An evaluator that reports every rule as failing: the "holds" witnesses cannot reproduce.
    const lying: Policy = {
      ...real,
      async evaluate(snapshot, options) {
        const result = await real.evaluate(snapshot, options);
        for (const [name, decided] of Object.entries(result.policies)) {
          const rules = loaded.ruleSet.policies.find((p) => p.name === name)!.rules;
          decided.reasons = rules.map((r) => ({ rule: r.id, source: r.source, message: 'x' }));
          decided.outcome = 'fail';
        }
        return result;
      },
    };
    await expect(analyzeRuleSet(lying)).rejects.toThrow(AnalysisBug);
  });
});

describe('analyze --write-tests', () => {
  it('writes cases that reach 100% rule and consequence coverage with no snapshot written by hand', async () => {
    const dir = await copyRuleSet();
    const out = join(dir, 'tests/analyze.yaml');
    const run = await runCli(['analyze', '--rules', dir, '--write-tests', out]);
    expect(run.status).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# Generated by `account-policy analyze --write-tests`:/);
    expect(text.match(/^ {2}- description: /gm)).toHaveLength(16 * 2 + 2 + 4);
    // only the generated cases: remove the hand-written ones
    const only = await copyRuleSet();
    await runCli(['analyze', '--rules', only, '--write-tests', join(only, 'tests/analyze.yaml')]);
    for (const file of await readdir(join(only, 'tests')))
      if (file.endsWith('.yaml') && file !== 'analyze.yaml') await rm(join(only, 'tests', file));
    const tested = await runCli([
      'test',
      '--rules',
      only,
      '--coverage-min',
      '100',
      '--format',
      'json',
    ]);
    const report = JSON.parse(tested.stdout) as {
      summary: { passed: number; failed: number };
      coverage: { percent: number };
    };
    expect(report.summary.failed).toBe(0);
    expect(report.coverage.percent).toBe(100);
  });

  it('replaces a file it wrote, and refuses a hand-written one, a rule file or a link to one', async () => {
    const dir = await copyRuleSet();
    const out = join(dir, 'tests/analyze.yaml');
    expect((await runCli(['analyze', '--rules', dir, '--write-tests', out])).status).toBe(0);
    expect((await runCli(['analyze', '--rules', dir, '--write-tests', out])).status).toBe(0);

    const hand = join(dir, 'tests/cancel.yaml');
    const before = await readFile(hand, 'utf8');
    const refused = await runCli(['analyze', '--rules', dir, '--write-tests', hand]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      `${hand}: out-not-generated: it is there and was not written by analyze --write-tests`,
    );
    expect(await readFile(hand, 'utf8')).toBe(before);

    const rules = join(dir, 'cancel.yaml');
    const ruleText = await readFile(rules, 'utf8');
    for (const target of [rules, join(dir, 'new.yaml')]) {
      const run = await runCli(['analyze', '--rules', dir, '--write-tests', target]);
      expect(run.status, target).toBe(2);
    }
    const link = join(dir, 'tests/link.yaml');
    await symlink(rules, link);
    const through = await runCli(['analyze', '--rules', dir, '--write-tests', link]);
    expect(through.status).toBe(2);
    expect(through.stderr).toMatch(/out-not-generated|out-is-input/);
    expect(await readFile(rules, 'utf8')).toBe(ruleText);
  });
});
