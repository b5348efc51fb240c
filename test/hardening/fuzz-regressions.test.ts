/**
 * Replays every input scripts/fuzz.mjs ever saved in test/fixtures/fuzz-crashes/: each must now
 * end in a result or InvalidInputError (snapshots) or a load outcome (rule files).
 */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, loadRuleSet } from '../../src/index.js';
import { repoRoot } from '../helpers.js';
import { expectValidResult, settle } from './support.js';

const dir = join(repoRoot, 'test/fixtures/fuzz-crashes');
const saved = (await readdir(dir).catch(() => [] as string[]))
  .filter((name) => name.endsWith('.txt'))
  .sort();

interface Meta {
  kind: 'snapshot' | 'rules';
  format?: 'json' | 'yaml';
  file?: string;
}

describe('fuzz regressions', () => {
  it('the directory holds the crashes found so far', () => {
    expect(saved.length).toBeGreaterThanOrEqual(1);
  });

  it.each(saved)('%s', async (name) => {
    const text = await readFile(join(dir, name), 'utf8');
    const meta = JSON.parse(
      await readFile(join(dir, name.replace(/\.txt$/, '.meta.json')), 'utf8'),
    ) as Meta;
    if (meta.kind === 'snapshot') {
      const policy = await loadPolicy();
      for (const format of ['json', 'yaml'] as const) {
        const settled = await settle(() =>
          policy.evaluateText(text, { format, now: '2026-11-24T00:00:00Z' }),
        );
        if (settled.kind === 'result') expectValidResult(settled.result);
      }
    } else {
      const rules = join(await mkdtemp(join(tmpdir(), 'account-policy-fuzz-replay-')), 'rules');
      await cp(join(repoRoot, 'rules'), rules, { recursive: true });
      await writeFile(join(rules, (meta.file ?? 'rules/cancel.yaml').replace('rules/', '')), text);
      await expect(loadRuleSet(rules)).resolves.toHaveProperty('ok');
    }
  });
});
