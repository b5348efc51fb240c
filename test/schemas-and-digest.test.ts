import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadPolicy, loadRuleSet } from '../src/index.js';
import { copyRuleSet, repoRoot, publishedSchema } from './helpers.js';

const run = promisify(execFile);

async function digestOf(dir: string): Promise<string> {
  const outcome = await loadRuleSet(dir);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.diagnostics));
  return outcome.ruleSet.digest;
}

describe('schemas are the one source of truth for shapes', () => {
  it('the TypeScript types in src/generated are what the schemas generate', async () => {
    await expect(
      run(process.execPath, ['scripts/generate-types.mjs', '--check'], { cwd: repoRoot }),
    ).resolves.toBeDefined();
  });

  it('every example evaluates to a result that validates against evaluation-result.schema.json', async () => {
    const validate = publishedSchema('evaluation-result');
    const policy = await loadPolicy();
    const examples = (await readdir(join(repoRoot, 'examples'))).filter((name) =>
      /\.(json|ya?ml)$/.test(name),
    );
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const name of examples) {
      const text = await readFile(join(repoRoot, 'examples', name), 'utf8');
      for (const unbind of [undefined, 'card-cmb', 'no-such-binding']) {
        const result = await policy.evaluateText(text, {
          file: name,
          unbind,
          now: '2026-11-25T00:00:00Z',
        });
        expect(validate(result), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });
});

describe('rules.digest identifies the exact rule set', () => {
  it('is the same for a copy, and for a copy with CRLF line endings', async () => {
    const shipped = await digestOf(join(repoRoot, 'rules'));
    const copy = await copyRuleSet();
    expect(await digestOf(copy)).toBe(shipped);
    const file = join(copy, 'cancel.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));
    expect(await digestOf(copy)).toBe(shipped);
  });

  it('changes when any rule file changes, even in a comment', async () => {
    const shipped = await digestOf(join(repoRoot, 'rules'));
    const copy = await copyRuleSet();
    const file = join(copy, 'parameters.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}# reviewed\n`);
    expect(await digestOf(copy)).not.toBe(shipped);
  });

  it('is what evaluate reports', async () => {
    const policy = await loadPolicy();
    const result = await policy.evaluate(
      JSON.parse(await readFile(join(repoRoot, 'examples/eligible.json'), 'utf8')),
    );
    expect(result.rules.digest).toBe(await digestOf(join(repoRoot, 'rules')));
  });
});

describe('generated docs', () => {
  it('docs/facts.md is what schemas/facts.schema.json generates', async () => {
    await expect(
      run(process.execPath, ['scripts/generate-facts-doc.mjs', '--check'], { cwd: repoRoot }),
    ).resolves.toBeDefined();
  });
});

describe('editor support', () => {
  it('every rule file and rule test file starts with a yaml-language-server modeline naming an existing schema', async () => {
    const dirs = ['rules', 'rules/tests'];
    let files = 0;
    for (const dir of dirs) {
      for (const name of (await readdir(join(repoRoot, dir))).filter((n) => n.endsWith('.yaml'))) {
        const first = (await readFile(join(repoRoot, dir, name), 'utf8')).split('\n')[0] ?? '';
        const match = /^# yaml-language-server: \$schema=(\S+\.schema\.json)$/.exec(first);
        expect(match, `${dir}/${name}`).not.toBeNull();
        await expect(readFile(join(repoRoot, dir, match?.[1] ?? ''), 'utf8')).resolves.toContain(
          '"$schema"',
        );
        files++;
      }
    }
    expect(files).toBeGreaterThanOrEqual(6);
  });
});
