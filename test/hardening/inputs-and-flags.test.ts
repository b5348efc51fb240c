/**
 * Issue 13 items 3 and 8, through the real CLI: symlinked inputs and rule directories (the
 * Kubernetes ConfigMap layout) are followed, never skipped; a FIFO, socket or device input is
 * refused instead of waited on; empty stdin and invalid UTF-8 say so; numeric flags are bounded;
 * a repeated single-valued flag is a usage error; a rule test's snapshotFile stays inside the
 * rule directory.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers.js';

const NOW = '2026-11-25T00:00:00Z';
const work = () => mkdtemp(join(tmpdir(), 'account-policy-inputs-'));
const eligible = join(repoRoot, 'examples/eligible.json');

describe('symlinks are followed', () => {
  it('every symlinked snapshot in an input directory is evaluated; a dangling one is an error, not skipped', async () => {
    const dir = await work();
    const inputs = join(dir, 'inputs');
    await mkdir(inputs);
    await cp(eligible, join(dir, 'real.json'));
    await cp(eligible, join(inputs, 'a.json'));
    await symlink(join(dir, 'real.json'), join(inputs, 'b.json'));
    await symlink(eligible, join(inputs, 'c.json'));
    const run = await runCli(['batch', inputs, '--now', NOW]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
    await symlink(join(dir, 'gone.json'), join(inputs, 'd.json'));
    const dangling = await runCli(['batch', inputs, '--now', NOW]);
    expect(dangling.status).toBe(2);
    const records = dangling.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            kind: string;
            input: { source: { file: string } };
            diagnostics?: Array<{ code: string; file: string }>;
          },
      );
    expect(records.map((r) => r.kind)).toEqual(['decision', 'decision', 'decision', 'error']);
    expect(records[3]!.diagnostics![0]).toMatchObject({
      code: 'read-failed',
      file: join(inputs, 'd.json'),
    });
  });

  it('a rule directory laid out as a ConfigMap mount loads, and reloads after the swap', async () => {
    const dir = await work();
    const mount = join(dir, 'rules');
    await mkdir(mount);
    await cp(join(repoRoot, 'rules'), join(mount, '..2026_12_01'), { recursive: true });
    await symlink('..2026_12_01', join(mount, '..data'));
    for (const file of ['cancel', 'unbind', 'withdraw', 'phone-reuse', 'parameters', 'sections'])
      await symlink(`..data/${file}.yaml`, join(mount, `${file}.yaml`));
    const check = await runCli(['check', '--rules', mount]);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const before = await runCli(['evaluate', eligible, '--rules', mount, '--format', 'json']);
    // the kubelet's swap: a new timestamped directory, then ..data renamed onto it
    await cp(join(repoRoot, 'rules'), join(mount, '..2026_12_02'), { recursive: true });
    const parameters = join(mount, '..2026_12_02/parameters.yaml');
    await writeFile(
      parameters,
      (await readFile(parameters, 'utf8')).replace('coolingOffDays: 15', 'coolingOffDays: 7'),
    );
    await symlink('..2026_12_02', join(mount, '..data_tmp'));
    await rename(join(mount, '..data_tmp'), join(mount, '..data'));
    const after = await runCli(['evaluate', eligible, '--rules', mount, '--format', 'json']);
    const digest = (out: string) => (JSON.parse(out) as { rules: { digest: string } }).rules.digest;
    expect(digest(after.stdout)).not.toBe(digest(before.stdout));
  });
});

describe('inputs that are not files, or not text', () => {
  it('a FIFO and a device are refused at once (exit 2), not waited on', async () => {
    const dir = await work();
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    for (const input of [fifo, '/dev/zero']) {
      const run = await runCli(['evaluate', input, '--now', NOW]);
      expect(run.status, input).toBe(2);
      expect(run.stderr).toMatch(
        /read-failed: cannot read: it is (a FIFO \(named pipe\)|a device), not a regular file/,
      );
    }
    const batch = await runCli(['batch', fifo, '--now', NOW]);
    expect(batch.status).toBe(2);
  });

  it('empty stdin says so; invalid UTF-8 is refused, not turned into U+FFFD', async () => {
    const empty = await runCli(['evaluate', '-', '--now', NOW], { stdin: '' });
    expect(empty).toMatchObject({ status: 2, stdout: '' });
    expect(empty.stderr).toBe(
      'account-policy: -: read-failed: cannot read: no input on stdin: pipe a snapshot in, or name a file\n',
    );
    const dir = await work();
    const bad = join(dir, 'bad.json');
    const text = (await readFile(eligible, 'utf8')).replace('wxid_eligible01', 'wxid_\u0000');
    await writeFile(bad, Buffer.from(text.replace('\u0000', '\uFFFF')).fill(0xff, 20, 21));
    const run = await runCli(['evaluate', bad, '--now', NOW]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `account-policy: ${bad}: syntax: cannot read: it is not valid UTF-8 text\n`,
    );
  });

  it('a rule directory holding a FIFO or a file of invalid UTF-8 is refused at once, never waited on', async () => {
    const rules = join(await work(), 'rules');
    await cp(join(repoRoot, 'rules'), rules, { recursive: true });
    execFileSync('mkfifo', [join(rules, 'extra.yaml')]);
    const fifo = await runCli(['check', '--rules', rules]);
    expect(fifo.status).toBe(2);
    expect(fifo.stdout).toContain(
      `${join(rules, 'extra.yaml')}: read-failed: cannot read: it is a FIFO (named pipe), not a regular file`,
    );
    await rm(join(rules, 'extra.yaml'));
    const cancel = join(rules, 'cancel.yaml');
    const bytes = await readFile(cancel);
    bytes[bytes.indexOf('#')] = 0xff;
    await writeFile(cancel, bytes);
    const invalid = await runCli(['check', '--rules', rules]);
    expect(invalid.status).toBe(2);
    expect(invalid.stdout).toContain(`${cancel}: syntax: cannot read: it is not valid UTF-8 text`);
  });
});

describe('flags', () => {
  it('numeric flags are bounded; a repeated single-valued flag is a usage error; repeatable ones repeat', async () => {
    const workers = await runCli(['batch', eligible, '--workers', '99999999999']);
    expect(workers.status).toBe(2);
    expect(workers.stderr).toContain(
      "option '--workers <n>' argument '99999999999' is invalid. It must be a whole number from 0 to 256.",
    );
    const twice = await runCli([
      'evaluate',
      eligible,
      '--now',
      NOW,
      '--now',
      '2026-12-01T00:00:00Z',
    ]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain("option '--now <time>' was given more than once; give it once");
    const keys = await runCli([
      'verify-log',
      '/dev/null/none',
      '--public-key',
      'a.pem',
      '--public-key',
      'b.pem',
    ]);
    expect(keys.stderr).not.toContain('more than once');
  });

  it("a rule test's snapshotFile that leads outside the rule directory is refused, not read", async () => {
    const dir = await work();
    const rules = join(dir, 'rules');
    await cp(join(repoRoot, 'rules'), rules, { recursive: true });
    await writeFile(
      join(rules, 'tests/escape.yaml'),
      'cases:\n  - description: reads outside\n    now: "2026-11-24T00:00:00Z"\n    snapshotFile: ../../../../../../etc/passwd\n    expect: { lifecycle: none }\n',
    );
    const run = await runCli(['test', '--rules', rules]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'bad-rule-test: /cases/0/snapshotFile: snapshotFile "../../../../../../etc/passwd" leads outside the rule directory',
    );
    expect(run.stderr).not.toContain('root:');
  });
});
