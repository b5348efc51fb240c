/**
 * The README's library example runs as written: its code block is example.mjs, byte for byte,
 * and `node example.mjs` in the repository root (the package built, as npm ci leaves it) prints
 * exactly what the README says it prints.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runNode } from './helpers.js';

const EXPECTED_STDOUT = [
  'wxid_blocked02 cancel: fail',
  '  ✗ WeChat Pay is still switched on; turn it off first. [cancel.pay-closed §2.1]',
  '  ✗ The wallet still holds ¥12.50; withdraw or spend it first. [cancel.balance-zero §2.1]',
  '  ✗ 1 order is awaiting a refund; cancellation can be requested once it is refunded. [cancel.no-pending-refunds §2.1]',
  '  ✗ These apps or mini programs still hold a WeChat login; revoke them first: 美团, 滴滴出行. [cancel.third-party-revoked §3.2]',
  '  ✗ The account is still linked to WeChat Work; unlink it first: 示例科技有限公司. [cancel.wecom-unlinked §3.2]',
  '',
].join('\n');

/** The fenced blocks of the README's "## Library" section, in order, with their info strings. */
async function librarySection(): Promise<Array<{ info: string; body: string }>> {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Library\n');
  expect(start).toBeGreaterThan(0);
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next === -1 ? undefined : next);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, info, body]) => ({
    info: info!,
    body: body!,
  }));
}

describe('the README library example', () => {
  it('is example.mjs exactly, followed by what it prints', async () => {
    const blocks = await librarySection();
    expect(blocks.map((b) => b.info)).toEqual(['js', 'text']);
    expect(blocks[0]!.body).toBe(await readFile(join(repoRoot, 'example.mjs'), 'utf8'));
    expect(blocks[1]!.body).toBe(EXPECTED_STDOUT);
  });

  it('runs as `node example.mjs` in the repository root and prints the cancel outcome', async () => {
    const result = await runNode(['example.mjs'], { cwd: repoRoot });
    expect(result).toEqual({ status: 0, stdout: EXPECTED_STDOUT, stderr: '' });
  });

  it("prints a bad snapshot's diagnostics with line and column, and exits 2", async () => {
    // The README's code as written, reading a broken copy of the example instead.
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-example-'));
    const file = join(dir, 'blocked.yaml');
    const blocked = await readFile(join(repoRoot, 'examples/blocked.yaml'), 'utf8');
    await writeFile(file, blocked.replace(/^ {2}enabled: true$/m, '  enabled: maybe'));
    const [code] = await librarySection();
    const script = code!.body.replace("'examples/blocked.yaml'", JSON.stringify(file));
    expect(script).not.toBe(code!.body);
    const result = await runNode(['--input-type=module', '--eval', script], { cwd: repoRoot });
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: [
        `${file}:7:12: schema: /pay/enabled: must be true or false, got "maybe"`,
        ' 7 |   enabled: maybe',
        '   |            ^',
        '',
      ].join('\n'),
    });
  });
});
