/**
 * `--out` never destroys data (issue 10): an --out that is one of the command's inputs, or that
 * cannot be written, is refused with exit 2 before any work — the input keeps its bytes and its
 * inode, and no log entry is written.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, openSync, readdirSync, readFileSync, closeSync } from 'node:fs';
import { cp, link, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli, snapshot, type ProcessResult } from './helpers.js';

let dir: string;

/** What a file is now: its bytes and inode, or absent; a symlink is reported as one. */
function fingerprint(file: string): string {
  if (!existsSync(join(dir, file)) && !isLink(file)) return 'absent';
  const stats = lstatSync(join(dir, file));
  return `${stats.isSymbolicLink() ? 'link' : 'file'} ino ${stats.ino} ${stats.isSymbolicLink() ? '' : readFileSync(join(dir, file), 'utf8')}`;
}

function isLink(file: string): boolean {
  return lstatSync(join(dir, file), { throwIfNoEntry: false })?.isSymbolicLink() === true;
}

function partials(): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.includes('.partial-'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'account-policy-out-'));
  const lines = ['wxid_a', 'wxid_b', 'wxid_c'].map((accountId) =>
    JSON.stringify(snapshot({ accountId })),
  );
  await writeFile(join(dir, 'in.ndjson'), `${lines.join('\n')}\n`);
  await link(join(dir, 'in.ndjson'), join(dir, 'hard.ndjson'));
  await symlink('in.ndjson', join(dir, 'sym.ndjson'));
  await mkdir(join(dir, 'snaps'));
  await cp(join(repoRoot, 'examples/eligible.json'), join(dir, 'snaps/eligible.json'));
  await cp(join(repoRoot, 'rules'), join(dir, 'rules'), { recursive: true });
  const logged = await runCli(
    ['batch', 'in.ndjson', '--log', 'F', '--out', 'first.ndjson', '--workers', '0'],
    { cwd: dir },
  );
  expect(logged.status).toBe(0);
  expect(existsSync(join(dir, 'F.head'))).toBe(true);
});

describe('--out naming an input: exit 2, the input untouched', () => {
  it.each([
    [
      ['batch', 'in.ndjson', '--log', 'F', '--out', 'F'],
      ['F'],
      '--out names the decision log (--log F)',
    ],
    [
      ['batch', 'in.ndjson', '--log', 'F', '--out', 'F.head'],
      ['F.head'],
      "--out names the decision log's head file (--log F)",
    ],
    [
      ['batch', 'in.ndjson', '--log', 'F', '--out', 'F.uncommitted'],
      ['F.uncommitted'],
      "--out names the decision log's uncommitted entries (--log F)",
    ],
    [
      ['batch', 'in.ndjson', '--log', 'F', '--out', 'F.head.1234.tmp'],
      ['F.head.1234.tmp'],
      "--out names a temporary copy of the decision log's head file (--log F)",
    ],
    [
      ['batch', 'in.ndjson', '--out', 'in.ndjson'],
      ['in.ndjson'],
      '--out names the input in.ndjson:',
    ],
    [
      ['batch', 'in.ndjson', '--out', 'hard.ndjson'],
      ['in.ndjson', 'hard.ndjson'],
      '--out names the input in.ndjson (a hard link to the same file)',
    ],
    [
      ['batch', 'in.ndjson', '--out', 'sym.ndjson'],
      ['in.ndjson', 'sym.ndjson'],
      `--out names the input in.ndjson (it leads to `,
    ],
    [
      ['batch', 'snaps', '--out', 'snaps/x.json'],
      ['snaps/x.json'],
      '--out names a snapshot file in the input directory snaps',
    ],
    [
      ['batch', 'snaps', '--out', 'snaps/eligible.json'],
      ['snaps/eligible.json'],
      '--out names a snapshot file in the input directory snaps',
    ],
    [
      ['batch', 'in.ndjson', '--rules', 'rules', '--out', 'rules/cancel.yaml'],
      ['rules/cancel.yaml'],
      '--out names a file in the rule directory rules (--rules)',
    ],
    [['report', 'F', '--format', 'json', '--out', 'F'], ['F'], '--out names the input F:'],
  ])('%j', async (args, guarded, message) => {
    const before = [...guarded, 'F', 'F.head'].map(fingerprint);
    const result = await runCli([...args, ...(args[0] === 'batch' ? ['--workers', '0'] : [])], {
      cwd: dir,
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`: out-is-input: ${message}`);
    expect(result.stderr).toContain('choose another file for --out');
    expect([...guarded, 'F', 'F.head'].map(fingerprint)).toEqual(before);
    expect(partials()).toEqual([]);
  });

  it('refuses --out naming the file on stdin (`batch - --out in.ndjson < in.ndjson`)', async () => {
    const before = fingerprint('in.ndjson');
    const stdin = openSync(join(dir, 'in.ndjson'), 'r');
    const result = await new Promise<ProcessResult>((resolve) => {
      const child = spawn(process.execPath, [cliPath, 'batch', '-', '--out', 'in.ndjson'], {
        cwd: dir,
        stdio: [stdin, 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      child.on('close', (status) => resolve({ status, stdout: '', stderr }));
    });
    closeSync(stdin);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('out-is-input: --out names the file read on stdin (-)');
    expect(fingerprint('in.ndjson')).toBe(before);
  });
});

describe('--out that cannot be written: exit 2 before any work (write-failed)', () => {
  it.each([
    [
      'missing-dir/x.ndjson',
      'cannot write --out: the directory missing-dir does not exist; create it first',
    ],
    ['/proc/version-out', 'cannot write --out: no file can be created there'],
    ['in.ndjson/x', 'cannot write --out: a part of the path is not a directory'],
    ['snaps', 'cannot write --out: it is a directory; name a file'],
  ])('%s', async (out, message) => {
    // --log shows whether work started: the first chunk is logged before it is written out.
    const result = await runCli(
      ['batch', 'in.ndjson', '--log', 'never.log', '--out', out, '--workers', '0'],
      { cwd: dir },
    );
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: expect.stringContaining(`account-policy: ${out}: write-failed: ${message}`) as string,
    });
    expect(existsSync(join(dir, 'never.log'))).toBe(false);
    expect(partials()).toEqual([]);
  });
});
