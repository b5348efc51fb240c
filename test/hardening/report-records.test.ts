/**
 * Issue 13 item 8: `report` counts what records say only when they do not contradict
 * themselves. A pass that lists failing rules, a fail that lists none, a decisionId that no
 * longer matches what the record names, and a key written twice are error entries, never
 * decisions.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, loadPolicy } from '../../src/index.js';
import { repoRoot } from '../helpers.js';

const NOW = '2026-11-25T00:00:00Z';

describe('report and self-contradicting records', () => {
  it('turns each kind of contradiction into an error entry naming it', async () => {
    const policy = await loadPolicy();
    const { readFile } = await import('node:fs/promises');
    const blocked = JSON.parse(
      JSON.stringify(
        await policy.record(
          (await import('yaml')).parse(
            await readFile(join(repoRoot, 'examples/blocked.yaml'), 'utf8'),
          ),
          { now: NOW },
        ),
      ),
    );
    const line = (edit: (r: typeof blocked) => void) => {
      const copy = structuredClone(blocked);
      edit(copy);
      return JSON.stringify(copy);
    };
    const lines = [
      JSON.stringify(blocked),
      line((r) => (r.policies.cancel.outcome = 'pass')),
      line((r) => (r.policies.withdraw.reasons = [])),
      line((r) => (r.evaluatedAt = '2026-11-26T00:00:00.000Z')),
      JSON.stringify(blocked).replace('"kind":"decision"', '"kind":"decision","kind":"decision"'),
    ];
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-report-records-'));
    const file = join(dir, 'records.ndjson');
    await writeFile(file, `${lines.join('\n')}\n`);
    const { report } = await buildReport({ inputs: [file], lang: 'en' });
    expect(report.summary).toMatchObject({ accounts: 1, errors: 4, fromRecords: 1 });
    expect(report.errors.entries.map((e) => [e.at.line, e.code, e.message])).toEqual([
      [
        2,
        'inconsistent-record',
        'the decision record contradicts itself: cancel says pass, yet lists failing rules: cancel.pay-closed, cancel.balance-zero, cancel.no-pending-refunds, cancel.third-party-revoked, cancel.wecom-unlinked',
      ],
      [
        3,
        'inconsistent-record',
        'the decision record contradicts itself: withdraw says fail, yet lists no failing rule',
      ],
      [
        4,
        'inconsistent-record',
        expect.stringMatching(
          /^the decision record contradicts itself: its decisionId is not the digest of its input digest, rules digest, evaluation time and unbind target \(expected [0-9a-f]{64}\): the record was changed after it was made$/,
        ),
      ],
      [5, 'duplicate-key', expect.stringContaining('"kind" appears twice')],
    ]);
  });
});
