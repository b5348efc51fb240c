/**
 * `diff --base A --rules B` without a corpus, through the real CLI: equivalent rewrites are
 * proved equivalent, a loosened threshold and a shorter cooling-off give example accounts at the
 * new boundary (each re-evaluated here under both rule sets), more-permissive changes come
 * first, and with a corpus the report gains a `semantic` section.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, type Policy } from '../src/index.js';
import type { ChangeExample, SemanticDiff } from '../src/generated/semantic-diff.js';
import { copyRuleSet, publishedSchema, repoRoot, runCli, type RuleEdit } from './helpers.js';

const SHIPPED = join(repoRoot, 'rules');

async function diff(edits: readonly RuleEdit[], ...flags: string[]) {
  const dir = await copyRuleSet({ edits });
  const run = await runCli([
    'diff',
    '--base',
    SHIPPED,
    '--rules',
    dir,
    '--format',
    'json',
    ...flags,
  ]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout) as SemanticDiff;
  expect(publishedSchema('semantic-diff')(report)).toBe(true);
  return { dir, report };
}

const loosenBalance: RuleEdit = {
  file: 'cancel.yaml',
  find: '      path: $.balanceFen\n      operator: equal\n      value: 0',
  replace: '      path: $.balanceFen\n      operator: lessThanInclusive\n      value: 2000',
};
const coolingOff7: RuleEdit = {
  file: 'parameters.yaml',
  find: 'coolingOffDays: 15',
  replace: 'coolingOffDays: 7',
};

/** Both rule sets' decision on an example, evaluated here, must be what the diff says. */
async function expectReproduced(
  base: Policy,
  next: Policy,
  policy: string,
  example: ChangeExample,
) {
  const decide = async (p: Policy) => {
    const result = await p.evaluate(example.snapshot, { now: example.now, unbind: example.unbind });
    const decided = result.policies[policy as 'cancel']!;
    return { outcome: decided.outcome, failing: decided.reasons.map((r) => r.rule) };
  };
  expect(await decide(base)).toEqual(example.before);
  expect(await decide(next)).toEqual(example.after);
}

describe('diff without a corpus', () => {
  it('proves equivalent rewrites equivalent: equal false → notEqual true, all reordered', async () => {
    const edits: RuleEdit[] = [
      {
        file: 'cancel.yaml',
        find: '      path: $.enabled\n      operator: equal\n      value: false',
        replace: '      path: $.enabled\n      operator: notEqual\n      value: true',
      },
      {
        file: 'cancel.yaml',
        find: [
          '        - fact: authorizations',
          '          path: $.app.count',
          '          operator: equal',
          '          value: 0',
          '        - fact: authorizations',
          '          path: $.mini_program.count',
        ].join('\n'),
        replace: [
          '        - fact: authorizations',
          '          path: $.mini_program.count',
          '          operator: equal',
          '          value: 0',
          '        - fact: authorizations',
          '          path: $.app.count',
        ].join('\n'),
      },
    ];
    const { dir, report } = await diff(edits);
    expect(report).toMatchObject({ verdict: 'equivalent', changes: [], undecided: [] });
    const text = await runCli(['diff', '--base', SHIPPED, '--rules', dir, '--lang', 'en']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('\nVerdict: no decision can change, on any account (proved).\n');
  });

  it('a loosened balance threshold is more permissive, with accounts up to the new bound', async () => {
    const { dir, report } = await diff([loosenBalance]);
    expect(report.verdict).toBe('changes');
    expect(report.changes.map((c) => [c.policy, c.rule, c.direction])).toEqual([
      ['cancel', 'cancel.balance-zero', 'more-permissive'],
    ]);
    const [change] = report.changes;
    expect(change!.examples.map((e) => e.snapshot.pay.balanceFen)).toEqual([1, 1999, 2000]);
    for (const example of change!.examples) {
      expect(example.before).toEqual({ outcome: 'fail', failing: ['cancel.balance-zero'] });
      expect(example.after).toEqual({ outcome: 'pass', failing: [] });
    }
    const text = await runCli(['diff', '--base', SHIPPED, '--rules', dir, '--lang', 'en']);
    expect(text.stdout).toContain(
      [
        'Verdict: 1 rule change can change decisions, and it is more permissive.',
        '',
        '⚠ more permissive  cancel / cancel.balance-zero',
        '    pay.balanceFen=1',
        '      fail (cancel.balance-zero) → pass',
      ].join('\n'),
    );
  });

  it('cooling-off 15 → 7 days: examples at the new boundary, more-permissive first', async () => {
    const { dir, report } = await diff([coolingOff7]);
    expect(report.changes.map((c) => [c.rule, c.direction])).toEqual([
      ['phone-reuse.account-cancelled', 'more-permissive'],
      ['phone-reuse.release-period-elapsed', 'more-permissive'],
      ['unbind.account-active', 'less-permissive'],
      ['withdraw.cooling-off-active', 'less-permissive'],
      ['phone-reuse.release-period-elapsed', 'less-permissive'],
    ]);
    expect(report.undecided).toEqual([]);
    const withdraw = report.changes.find((c) => c.rule === 'withdraw.cooling-off-active')!;
    const [atBoundary] = withdraw.examples;
    // requested exactly 7 days before now: the instant the new period ends
    expect(atBoundary!.snapshot.cancellation).toEqual({
      requestedAt: '2025-12-25T00:00:00.000Z',
      firstLoginAt: null,
    });
    expect(atBoundary!.now).toBe('2026-01-01T00:00:00.000Z');
    expect(atBoundary!.before).toEqual({ outcome: 'pass', failing: [] });
    expect(atBoundary!.after).toEqual({
      outcome: 'fail',
      failing: ['withdraw.cooling-off-active'],
    });
    const base = await loadPolicy();
    const next = await loadPolicy({ rules: dir });
    for (const change of report.changes)
      for (const example of change.examples)
        await expectReproduced(base, next, change.policy, example);
  });

  it('a new rule is less permissive where it fails; taking it out again is more permissive', async () => {
    const rule = [
      '  - id: cancel.no-bank-cards',
      '    source: "2.2"',
      '    description: No bank card may stay bound.',
      '    holdsWhen: { fact: pay, path: $.bankCards.count, operator: equal, value: 0 }',
      '    reason:',
      '      zh-CN: 请先解绑银行卡。',
      '      en: Unbind the bank cards first.',
      '',
      'consequences:',
    ].join('\n');
    const added = await copyRuleSet({
      edits: [{ file: 'cancel.yaml', find: '\nconsequences:', replace: `\n${rule}` }],
    });
    const run = await runCli(['diff', '--base', SHIPPED, '--rules', added, '--format', 'json']);
    const report = JSON.parse(run.stdout) as SemanticDiff;
    expect(report.changes.map((c) => [c.rule, c.direction])).toEqual([
      ['cancel.no-bank-cards', 'less-permissive'],
    ]);
    expect(report.changes[0]!.examples[0]!.snapshot.pay.bankCards).toHaveLength(1);
    const back = await runCli(['diff', '--base', added, '--rules', SHIPPED, '--format', 'json']);
    expect((JSON.parse(back.stdout) as SemanticDiff).changes.map((c) => c.direction)).toEqual([
      'more-permissive',
    ]);
  });

  it('a ninth name added to a blocklist is less permissive, shown on an account with that name (red-team find)', async () => {
    const blocklist = (n: number) =>
      [
        '      all:',
        ...Array.from(
          { length: n },
          (_, i) =>
            `        - { fact: authorizations, path: $.app.names, operator: doesNotContain, value: App${i + 1} }`,
        ),
      ].join('\n');
    const find = [
      '      fact: pay',
      '      path: $.pendingRefunds',
      '      operator: equal',
      '      value: 0',
    ].join('\n');
    const eight = await copyRuleSet({
      edits: [{ file: 'cancel.yaml', find, replace: blocklist(8) }],
    });
    const nine = await copyRuleSet({
      edits: [{ file: 'cancel.yaml', find, replace: blocklist(9) }],
    });
    const run = await runCli(['diff', '--base', eight, '--rules', nine, '--format', 'json']);
    const report = JSON.parse(run.stdout) as SemanticDiff;
    expect(report.verdict).toBe('changes');
    expect(report.changes.map((c) => [c.rule, c.direction])).toEqual([
      ['cancel.no-pending-refunds', 'less-permissive'],
    ]);
    expect(report.changes[0]!.examples[0]!.snapshot.authorizations).toEqual([
      { id: 'app-1', kind: 'app', name: 'App9' },
    ]);
  });

  it('with a corpus, the report keeps its counts and gains the semantic section', async () => {
    const dir = await copyRuleSet({ edits: [loosenBalance] });
    const corpus = join(repoRoot, 'examples/corpus.ndjson');
    const run = await runCli([
      'diff',
      '--base',
      SHIPPED,
      '--rules',
      dir,
      corpus,
      '--format',
      'json',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { snapshots: number; semantic: SemanticDiff };
    expect(publishedSchema('diff-report')(report)).toBe(true);
    expect(report.snapshots).toBe(3000);
    expect(report.semantic.changes.map((c) => c.rule)).toEqual(['cancel.balance-zero']);
    const text = await runCli(['diff', '--base', SHIPPED, '--rules', dir, corpus, '--lang', 'en']);
    expect(text.stdout).toMatch(/^Rule change impact · 3000 snapshots\n/);
    expect(text.stdout).toContain(
      '\nWhat the rule change can do to any account (no corpus needed)\n',
    );
  });
});
