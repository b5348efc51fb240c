/**
 * A batch decides by exactly one rule set. The rule files are read once, by the main thread;
 * rewriting them while the batch starts and runs changes nothing: every record names one
 * digest. And every worker reports the rules it built before it gets any work: a worker that
 * decides by other rules — another digest, or the same digest over other content — fails the
 * batch closed (exit 1, an internal error: no records, no --out file). The forged workers are
 * the built package with its batch worker edited, run as the real CLI. Run `npm run build` first.
 */
import { cp, mkdtemp, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { copyRuleSet, repoRoot, runCli, runNode, type ProcessResult } from '../helpers.js';

const CORPUS = join(repoRoot, 'examples', 'corpus.ndjson');
const WORKER = 'dist/batch/batch-worker.js';

/** A copy of the built package whose batch worker has `find` (exactly once) replaced. */
async function packageWithWorker(find: string, replace: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'account-policy-forged-'));
  for (const part of ['dist', 'rules', 'schemas', 'package.json'])
    await cp(join(repoRoot, part), join(root, part), { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  const file = join(root, WORKER);
  const text = await readFile(file, 'utf8');
  expect(text.split(find).length - 1, `${WORKER} holds ${find} once`).toBe(1);
  await writeFile(file, text.replace(find, replace));
  return root;
}

function batchIn(root: string, args: readonly string[]): Promise<ProcessResult> {
  return runNode([join(root, 'dist/cli/main.js'), 'batch', ...args], { cwd: root });
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('batch: one rule set, checked in every worker', () => {
  const shipped = async () => {
    const outcome = await loadRuleSet(join(repoRoot, 'rules'));
    if (!outcome.ok) throw new Error('the shipped rules must load');
    return outcome.ruleSet.digest;
  };
  const forgeries = [
    {
      name: 'reports another digest',
      find: 'port.postMessage({ ready: rulesIdentity(policy.ruleSet) });',
      replace: `port.postMessage({ ready: { ...rulesIdentity(policy.ruleSet), digest: 'sha256:${'0'.repeat(64)}' } });`,
      says: `a batch worker reported rules sha256:${'0'.repeat(64)}, not the`,
    },
    {
      name: 'decides by other rules under the same digest',
      find: 'const policy = createPolicy(frozenRuleSet(setup.ruleSet));',
      replace:
        'const policy = createPolicy(frozenRuleSet({ ...setup.ruleSet, parameters: { ...setup.ruleSet.parameters, coolingOffDays: 16 } }));',
      says: 'under the same digest but with other content, not the',
    },
    {
      name: 'reports nothing but "ready"',
      find: 'port.postMessage({ ready: rulesIdentity(policy.ruleSet) });',
      replace: "port.postMessage('ready');",
      says: 'a batch worker reported no rules digest, not the',
    },
  ];
  for (const forgery of forgeries) {
    it(`fails closed when a worker ${forgery.name}`, async () => {
      const root = await packageWithWorker(forgery.find, forgery.replace);
      const out = join(root, 'records.ndjson');
      const result = await batchIn(root, [CORPUS, '--workers', '2', '--out', out]);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('internal error');
      expect(result.stderr).toContain(
        `${forgery.says} ${await shipped()} this batch loaded; refusing to run the batch`,
      );
      expect(await exists(out)).toBe(false);
    });
  }

  it('the unforged copy runs (the forgeries fail for their edit alone)', async () => {
    const root = await packageWithWorker('port.postMessage({ ready:', 'port.postMessage({ ready:');
    const result = await batchIn(root, [CORPUS, '--workers', '2']);
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(3000);
  });

  it('names one digest in every record while the rule files are rewritten during the run', async () => {
    const rules = await copyRuleSet();
    const file = join(rules, 'cancel.yaml');
    const texts = [await readFile(file, 'utf8')];
    texts.push(texts[0]!.replace('The wallet still holds', 'Rewritten, the wallet still holds'));
    const digests: string[] = [];
    for (const text of texts) {
      await writeFile(file, text);
      const outcome = await loadRuleSet(rules);
      if (!outcome.ok) throw new Error('both versions must load');
      digests.push(outcome.ruleSet.digest);
    }
    expect(new Set(digests).size).toBe(2);

    let running = true;
    let rewrites = 0;
    const rewriting = (async () => {
      while (running) {
        // Atomically (a rename), so the batch never reads half a file and refuses the rules.
        await writeFile(join(rules, '.cancel.next'), texts[rewrites++ % 2]!);
        await rename(join(rules, '.cancel.next'), file);
      }
    })();
    const result = await runCli(['batch', CORPUS, '--workers', '2', '--rules', rules]);
    running = false;
    await rewriting;

    expect(result.status).toBe(0);
    expect(rewrites).toBeGreaterThan(50);
    const named = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { rules: { digest: string } }).rules.digest);
    expect(named).toHaveLength(3000);
    expect(new Set(named).size).toBe(1);
    expect(digests).toContain(named[0]);
  });
});
