/**
 * Where `--out` writes (issue 10): devices and FIFOs straight into, symlinks through (the link
 * stays), files via a partial that is removed on failure, on signals and by the next run after a
 * crash; and a closed stdout is exit 141, not success.
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, rmSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli, snapshot } from './helpers.js';

const BIG = 50_000;
let dir: string;
let small: string;
let big: string;

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

async function freshDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'account-policy-out-'));
}

beforeAll(async () => {
  dir = await freshDir();
  small = join(dir, 'small.ndjson');
  big = join(dir, 'big.ndjson');
  await writeFile(
    small,
    `${['wxid_a', 'wxid_b', 'wxid_c'].map((accountId) => JSON.stringify(snapshot({ accountId }))).join('\n')}\n`,
  );
  await writeFile(big, `${JSON.stringify(snapshot())}\n`.repeat(BIG));
});

function restoreDevNull(): void {
  rmSync('/dev/null', { force: true });
  execFileSync('mknod', ['-m', '666', '/dev/null', 'c', '1', '3']);
}

describe('devices, FIFOs, sockets and stdout are written straight into', () => {
  it('a FIFO: its reader gets every record, and it stays a FIFO', async () => {
    const fifo = join(await freshDir(), 'records.fifo');
    execFileSync('mkfifo', [fifo]);
    const [text, result] = await Promise.all([
      readFile(fifo, 'utf8'),
      runCli(['batch', small, '--out', fifo, '--workers', '0']),
    ]);
    expect(result.status).toBe(0);
    expect(
      lines(text).map((line) => (JSON.parse(line) as { accountId: string }).accountId),
    ).toEqual(['wxid_a', 'wxid_b', 'wxid_c']);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('/dev/null stays the character device it is (report and batch)', async () => {
    const before = statSync('/dev/null');
    expect(before.isCharacterDevice()).toBe(true);
    try {
      expect((await runCli(['batch', small, '--out', '/dev/null', '--workers', '0'])).status).toBe(
        0,
      );
      expect((await runCli(['report', small, '--format', 'md', '--out', '/dev/null'])).status).toBe(
        0,
      );
      const after = lstatSync('/dev/null');
      expect(after.isCharacterDevice()).toBe(true);
      expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
    } finally {
      // We run as root: a regression would replace the machine's /dev/null with a file. Put it back.
      if (!lstatSync('/dev/null').isCharacterDevice()) restoreDevNull();
    }
  });

  it('a Unix socket: the listener gets every record', async () => {
    const path = join(await freshDir(), 'records.sock');
    let received = '';
    const server = createServer((socket) =>
      socket.setEncoding('utf8').on('data', (text: string) => (received += text)),
    );
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const result = await runCli(['batch', small, '--out', path, '--workers', '0']);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(result.status).toBe(0);
    expect(lines(received)).toHaveLength(3);
  });

  it('--out - is stdout, and no file named "-" appears', async () => {
    const cwd = await freshDir();
    const result = await runCli(['report', small, '--format', 'json', '--out', '-'], { cwd });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ summary: { accounts: 3 } });
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('symlinks are written through; the link stays a link', () => {
  it('a link to a regular file elsewhere: the target is replaced, the link is untouched', async () => {
    const cwd = await freshDir();
    await mkdir(join(cwd, 'real'));
    await writeFile(join(cwd, 'real/records.ndjson'), 'old contents\n');
    await symlink('real/records.ndjson', join(cwd, 'link.ndjson'));
    for (const args of [
      ['batch', small, '--workers', '0'],
      ['report', small, '--format', 'csv'],
    ]) {
      const result = await runCli([...args, '--out', 'link.ndjson'], { cwd });
      expect(result.status).toBe(0);
      expect(lstatSync(join(cwd, 'link.ndjson')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(cwd, 'link.ndjson'))).toBe('real/records.ndjson');
      expect(readFileSync(join(cwd, 'real/records.ndjson'), 'utf8')).not.toContain('old contents');
    }
    expect(readFileSync(join(cwd, 'real/records.ndjson'), 'utf8')).toBe(
      (await runCli(['report', small, '--format', 'csv'])).stdout,
    );
    expect([...readdirSync(cwd), ...readdirSync(join(cwd, 'real'))].sort()).toEqual([
      'link.ndjson',
      'real',
      'records.ndjson',
    ]);
  });

  it('a link to a file not there yet: the file is created where it points', async () => {
    const cwd = await freshDir();
    await mkdir(join(cwd, 'real'));
    await symlink('real/new.ndjson', join(cwd, 'link.ndjson'));
    expect(
      (await runCli(['batch', small, '--out', 'link.ndjson', '--workers', '0'], { cwd })).status,
    ).toBe(0);
    expect(lstatSync(join(cwd, 'link.ndjson')).isSymbolicLink()).toBe(true);
    expect(lines(readFileSync(join(cwd, 'real/new.ndjson'), 'utf8'))).toHaveLength(3);
  });
});

describe('partial files', () => {
  it('the next run removes partials of the same --out left by dead writers, and keeps a live one', async () => {
    const cwd = await freshDir();
    const dead = spawnSync('true').pid;
    const live = process.pid;
    const leftovers = [
      `.out.ndjson.partial-${dead}-0badc0de`,
      `out.ndjson.partial-${dead}`,
      `.out.ndjson.partial-${live}-0badc0de`,
      `.other.ndjson.partial-${dead}-0badc0de`,
    ];
    for (const name of leftovers) await writeFile(join(cwd, name), 'half a record');
    expect(
      (await runCli(['batch', small, '--out', 'out.ndjson', '--workers', '0'], { cwd })).status,
    ).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual([
      `.other.ndjson.partial-${dead}-0badc0de`,
      `.out.ndjson.partial-${live}-0badc0de`,
      'out.ndjson',
    ]);
  });

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    '%s during a long batch leaves neither a partial nor an --out file',
    async (signal) => {
      const cwd = await freshDir();
      const child = spawn(
        process.execPath,
        [cliPath, 'batch', big, '--out', 'out.ndjson', '--workers', '1'],
        { cwd, stdio: 'ignore' },
      );
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('close', (_status, killedBy) => resolve(killedBy)),
      );
      // Wait until records are being written to the partial, then interrupt.
      for (let tries = 0; tries < 500; tries++) {
        const partial = readdirSync(cwd).find((name) => name.startsWith('.out.ndjson.partial-'));
        if (partial && (statSync(join(cwd, partial), { throwIfNoEntry: false })?.size ?? 0) > 0)
          break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(readdirSync(cwd)).toHaveLength(1);
      child.kill(signal);
      expect(await exited).toBe(signal); // the default action: the shell reports 128 + n
      expect(readdirSync(cwd)).toEqual([]);
    },
  );
});

describe('a closed stdout is not success: exit 141', () => {
  it('batch … | head -1: stops promptly (few records logged) and exits 141', async () => {
    const cwd = await freshDir();
    const child = spawn(
      process.execPath,
      [cliPath, 'batch', big, '--log', 'decisions.log', '--workers', '1'],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.stdout.once('data', () => child.stdout.destroy()); // the reader reads one chunk and goes away
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(141);
    expect(stderr).toBe('');
    expect(lines(readFileSync(join(cwd, 'decisions.log'), 'utf8')).length).toBeLessThan(BIG / 5);
  });

  it('a command that prints at the end (evaluate) exits 141 when nobody reads its stdout', async () => {
    const child = spawn(
      process.execPath,
      [cliPath, 'evaluate', join(repoRoot, 'examples/blocked.yaml')],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    child.stdout.destroy();
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(141);
  });

  it('with stdout read to the end, batch still exits 0', async () => {
    const result = await runCli(['batch', small, '--workers', '0']);
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toHaveLength(3);
  });
});
