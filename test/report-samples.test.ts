import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, snapshot } from './helpers.js';

const tally = (policy: string, title: string, pass: number, na: number, blocked: number) => ({
  policy,
  title,
  decided: pass + na + blocked,
  pass,
  fail: na + blocked,
  notApplicable: na,
  blocked,
});

/** The rules the shipped rule set marks `premise: true` (read from the YAML, not from the code under test). */
const PREMISES = ['withdraw.cancellation-requested', 'phone-reuse.phone-bound'];

interface DecisionLine {
  kind: string;
  policies: Record<string, { outcome: 'pass' | 'fail'; reasons: Array<{ rule: string }> }>;
}

/** Per policy, counted straight from decision records: pass, fail, and the two kinds of fail. */
function countRecords(ndjson: string): Map<string, Record<string, number>> {
  const counts = new Map<string, Record<string, number>>();
  for (const line of ndjson.split('\n').filter((l) => l.trim() !== '')) {
    const record = JSON.parse(line) as DecisionLine;
    if (record.kind !== 'decision') continue;
    for (const [policy, result] of Object.entries(record.policies)) {
      const c = counts.get(policy) ?? {
        decided: 0,
        pass: 0,
        fail: 0,
        notApplicable: 0,
        blocked: 0,
      };
      c.decided! += 1;
      c[result.outcome]! += 1;
      if (result.outcome === 'fail') {
        const premisesOnly =
          result.reasons.length > 0 && result.reasons.every((r) => PREMISES.includes(r.rule));
        c[premisesOnly ? 'notApplicable' : 'blocked']! += 1;
      }
      counts.set(policy, c);
    }
  }
  return counts;
}

/** The report commands of `npm run report:examples`, read from package.json so the test and the script cannot drift apart. */
async function sampleCommands(): Promise<Array<{ out: string; args: string[] }>> {
  const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = manifest.scripts['report:examples'] ?? '';
  return script
    .split(' && ')
    .filter((command) => command.startsWith('node dist/cli/main.js report '))
    .map((command) => {
      const words = command.split(' ').slice(2);
      const at = words.indexOf('--out');
      return { out: words[at + 1] ?? '', args: [...words.slice(0, at), ...words.slice(at + 2)] };
    });
}

describe('the committed sample reports', () => {
  it('are exactly what `npm run report:examples` makes (run it after changing rules, the corpus or the report)', async () => {
    const commands = await sampleCommands();
    expect(commands.map((c) => c.out)).toEqual(['examples/report.html', 'examples/report.md']);
    for (const { out, args } of commands) {
      const result = await runCli(args);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(
        result.stdout === (await readFile(join(repoRoot, out), 'utf8')),
        `${out} is stale: run npm run report:examples`,
      ).toBe(true);
    }
  });
});

describe('account-policy report straight from snapshots', () => {
  it('evaluates the 3,000-snapshot corpus and counts every decision', async () => {
    const result = await runCli([
      'report',
      'examples/corpus.ndjson',
      '--format',
      'json',
      '--now',
      '2026-11-24T00:00:00Z',
      '--max-accounts',
      '2',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const { summary, accounts, errors, warnings } = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      accounts: 3000,
      errors: 0,
      fromRecords: 0,
      fromSnapshots: 3000,
    });
    // fail = notApplicable + blocked; measured once by hand, and recounted from batch's records below.
    expect(summary.policies).toEqual([
      tally('cancel', '注销账号', 170, 0, 2830),
      tally('withdraw', '撤回注销', 218, 2395, 387),
      tally('phone-reuse', '手机号注册新账号', 251, 10, 2739),
    ]);
    expect(summary.lifecycle).toEqual([
      { state: 'none', count: 2121 },
      { state: 'cooling_off', count: 218 },
      { state: 'withdrawn', count: 274 },
      { state: 'cancelled', count: 387 },
    ]);
    expect(summary.failingRules[0]).toMatchObject({
      rule: 'phone-reuse.account-cancelled',
      count: 2613,
      percent: 87.1,
    });
    expect(summary.evaluatedAt).toEqual({
      earliest: '2026-11-24T00:00:00.000Z',
      latest: '2026-11-24T00:00:00.000Z',
    });
    expect(accounts).toMatchObject({ total: 3000, shown: 2, omitted: 2998 });
    expect(
      accounts.entries.map((a: { accountId: string; at: object }) => [a.accountId, a.at]),
    ).toEqual([
      ['wxid_corpus_00001', { file: 'examples/corpus.ndjson', line: 1 }],
      ['wxid_corpus_00002', { file: 'examples/corpus.ndjson', line: 2 }],
    ]);
    expect(errors.total).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('reads a directory of .json/.yaml snapshot files in name order', async () => {
    const result = await runCli(['report', 'examples', '--format', 'json']);
    expect(result.status).toBe(0);
    const { summary, accounts } = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ accounts: 5, errors: 0, fromSnapshots: 5 });
    expect(
      accounts.entries.map((a: { accountId: string; at: object }) => [a.accountId, a.at]),
    ).toEqual([
      ['wxid_blocked02', { file: 'examples/blocked.yaml', line: null }],
      ['wxid_cancelled05', { file: 'examples/cancelled-long-ago.yaml', line: null }],
      ['wxid_cooling03', { file: 'examples/cooling-off.yaml', line: null }],
      ['wxid_eligible01', { file: 'examples/eligible.json', line: null }],
      ['wxid_withdrawn04', { file: 'examples/withdrawn.json', line: null }],
    ]);
  });
});

describe('account-policy report over the output of batch', () => {
  it('splits every fail of the corpus into notApplicable and blocked exactly as the records say', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-report-premises-'));
    const records = join(dir, 'records.ndjson');
    const now = ['--now', '2026-11-24T00:00:00Z'];
    const batch = await runCli(['batch', 'examples/corpus.ndjson', ...now, '--out', records]);
    expect(batch.status).toBe(0);
    const expected = countRecords(await readFile(records, 'utf8'));
    const shipped = await readFile(join(repoRoot, 'rules', 'withdraw.yaml'), 'utf8');
    expect(shipped).toMatch(
      /- id: withdraw\.cancellation-requested\n(?: {4}.*\n)*? {4}premise: true\n/,
    );
    const result = await runCli(['report', records, '--format', 'json', '--max-accounts', '0']);
    expect(result.status).toBe(0);
    const { summary, ruleSet } = JSON.parse(result.stdout);
    expect(ruleSet.premises).toEqual(PREMISES);
    expect(summary.policies.map((p: { policy: string }) => p.policy)).toEqual([
      'cancel',
      'withdraw',
      'phone-reuse',
    ]);
    for (const p of summary.policies) {
      const { policy, title: _title, ...counts } = p;
      expect(counts, policy).toEqual(expected.get(policy));
      expect(p.notApplicable + p.blocked, policy).toBe(p.fail);
      expect(p.pass + p.fail, policy).toBe(p.decided);
    }
    expect(expected.get('withdraw')).toMatchObject({ notApplicable: 2395, blocked: 387 });
    expect(expected.get('phone-reuse')).toMatchObject({ notApplicable: 10, blocked: 2739 });
    expect(expected.get('cancel')).toMatchObject({ notApplicable: 0, blocked: 2830 });
  });

  it('reports the same summary from the records as from the snapshots they were made of, bad input included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-report-batch-'));
    const lines = [
      snapshot({ accountId: 'wxid_a' }),
      { accountId: 5 },
      snapshot({ accountId: 'wxid_b', pay: { enabled: true } }),
    ].map((value) => JSON.stringify(value));
    await writeFile(join(dir, 'snapshots.ndjson'), `${lines.join('\n')}\n`);
    const batch = await runCli(['batch', 'snapshots.ndjson', '--out', 'records.ndjson'], {
      cwd: dir,
    });
    expect(batch.status).toBe(2); // batch's own status when an input was bad; its error record is in the output
    const fromRecords = JSON.parse(
      (await runCli(['report', 'records.ndjson', '--format', 'json'], { cwd: dir })).stdout,
    );
    const fromSnapshots = JSON.parse(
      (await runCli(['report', 'snapshots.ndjson', '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(fromRecords.summary).toEqual({
      ...fromSnapshots.summary,
      fromRecords: 2,
      fromSnapshots: 0,
    });
    expect(fromSnapshots.summary).toMatchObject({
      accounts: 2,
      errors: 1,
      fromRecords: 0,
      fromSnapshots: 2,
    });
    expect(fromRecords.accounts.entries.map((a: { accountId: string }) => a.accountId)).toEqual([
      'wxid_a',
      'wxid_b',
    ]);
    expect(fromRecords.errors.entries).toEqual([
      { ...fromSnapshots.errors.entries[0], record: { file: 'records.ndjson', line: 2 } },
    ]);
    expect(fromSnapshots.errors.entries[0]).toMatchObject({
      at: { file: 'snapshots.ndjson', line: 2 },
      record: null,
      code: 'schema',
    });
  });
});
