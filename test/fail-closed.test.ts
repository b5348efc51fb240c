import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../src/index.js';
import { repoRoot, snapshot } from './helpers.js';

const UNGUARDED = `    holdsWhen:
      fact: clock
      path: $.nowMs
      operator: greaterThanInclusive
      value:
        fact: lifecycle
        path: $.phoneReleasedAtMs
`;

describe('comparisons fail closed', () => {
  it('a number compared with a missing (null) value is false, not "greater than 0"', async () => {
    // Stock json-rules-engine says nowMs >= null is true (null becomes 0). Without the
    // "not cancelled" guard, that would release the phone of an account never cancelled.
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-unguarded-'));
    await cp(join(repoRoot, 'rules'), dir, { recursive: true });
    const file = join(dir, 'phone-reuse.yaml');
    const text = await readFile(file, 'utf8');
    const guarded = text.slice(text.indexOf('    holdsWhen:\n      any:'), text.indexOf('    reason:', text.indexOf('    holdsWhen:\n      any:')));
    expect(guarded).toContain('$.phoneReleasedAtMs');
    await writeFile(file, text.replace(guarded, UNGUARDED));

    const policy = await loadPolicy({ rules: dir });
    const result = await policy.evaluate(snapshot(), { now: '2026-11-24T00:00:00Z', explain: true });
    expect(result.policies['phone-reuse'].reasons.map((r) => r.rule)).toEqual(['phone-reuse.account-cancelled', 'phone-reuse.release-period-elapsed']);
    expect(result.explanation?.['phone-reuse']?.find((e) => e.id === 'phone-reuse.release-period-elapsed')?.condition).toMatchObject({ found: Date.parse('2026-11-24T00:00:00Z'), expected: null, result: false });
  });
});
