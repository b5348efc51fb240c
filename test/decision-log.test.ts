/**
 * The decision log (docs/decision-log.md): appends through the library, tampering of every kind
 * found at its exact line, concurrent writer processes, write failures, and `verify-log`.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendToLog } from '../src/audit/log/append-to-log.js';
import { entryHash } from '../src/audit/log/log-entry.js';
import { LogWriteError } from '../src/audit/log/log-write-error.js';
import { verifyLog } from '../src/audit/log/verify-log.js';
import { canonicalJson, sha256Hex } from '../src/digest.js';
import { errorRecord, loadPolicy, type DecisionRecord } from '../src/index.js';
import { repoRoot, runCli } from './helpers.js';

const ZEROS = '0'.repeat(64);
const EXAMPLES = [
  'eligible.json',
  'blocked.yaml',
  'cooling-off.yaml',
  'withdrawn.json',
  'cancelled-long-ago.yaml',
];

/** One decision record per shipped example, in EXAMPLES order. */
let records: DecisionRecord[];

beforeAll(async () => {
  const policy = await loadPolicy();
  records = await Promise.all(
    EXAMPLES.map(async (name) =>
      policy.recordText(await readFile(join(repoRoot, 'examples', name), 'utf8'), {
        file: name,
        source: { file: `examples/${name}` },
      }),
    ),
  );
});

async function freshLog(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'account-policy-log-')), 'decisions.ndjson');
}

/** A log of the five example records, appended in calls of 2, 2 and 1. */
async function logOfFive(): Promise<string> {
  const file = await freshLog();
  await appendToLog(file, records.slice(0, 2));
  await appendToLog(file, records.slice(2, 4));
  await appendToLog(file, records.slice(4));
  return file;
}

async function linesOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return text.slice(0, text.lastIndexOf('\n')).split('\n');
}

async function writeLines(file: string, lines: readonly string[]): Promise<void> {
  await writeFile(file, lines.map((line) => `${line}\n`).join(''));
}

function hashOf(line: string | undefined): string {
  return (JSON.parse(line ?? '') as { hash: string }).hash;
}

async function headOf(file: string): Promise<unknown> {
  return JSON.parse(await readFile(`${file}.head`, 'utf8'));
}

describe('appendToLog', () => {
  it('appends in several calls: seq 1..5, each prev the hash before, each hash over prev and the canonical entry', async () => {
    const file = await logOfFive();
    const lines = await linesOf(file);
    expect(lines).toHaveLength(5);
    let prev = ZEROS;
    lines.forEach((line, i) => {
      const entry = JSON.parse(line) as {
        seq: number;
        prev: string;
        record: DecisionRecord;
        hash: string;
      };
      expect(Object.keys(entry)).toEqual(['seq', 'prev', 'record', 'hash']);
      expect(entry.seq).toBe(i + 1);
      expect(entry.prev).toBe(prev);
      expect(entry.record).toEqual(records[i]);
      expect(entry.hash).toBe(
        sha256Hex(`${prev}\n${canonicalJson({ seq: entry.seq, prev, record: entry.record })}`),
      );
      prev = entry.hash;
    });
    expect(await headOf(file)).toEqual({ seq: 5, hash: prev });
    expect(await readFile(`${file}.head`, 'utf8')).toBe(`{"seq":5,"hash":"${prev}"}\n`);
  });

  it('returns the new head, and takes error records too', async () => {
    const file = await freshLog();
    const failed = errorRecord(
      [{ severity: 'error', code: 'syntax', message: 'not JSON', file: 'bad.json' }],
      { file: 'bad.json' },
    );
    const head = await appendToLog(file, [records[0]!, failed]);
    const lines = await linesOf(file);
    expect(head).toEqual({ seq: 2, hash: hashOf(lines[1]) });
    expect(JSON.parse(lines[1] ?? '').record).toEqual(failed);
    expect(await verifyLog(file)).toEqual({
      ok: true,
      file,
      entries: 2,
      last: head,
      head,
      uncommitted: null,
      warnings: [],
    });
  });

  it('hashes exactly as the documented formula says', () => {
    const record = { b: [1, 'x'], a: null };
    expect(entryHash(7, ZEROS, canonicalJson(record))).toBe(
      sha256Hex(`${ZEROS}\n${canonicalJson({ seq: 7, prev: ZEROS, record })}`),
    );
  });

  it('serializes writers in one process: 20 concurrent calls give 20 entries, chain intact', async () => {
    const file = await freshLog();
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendToLog(file, [records[i % 5]!])));
    const verification = await verifyLog(file);
    expect(verification).toMatchObject({ ok: true, entries: 20, last: { seq: 20 }, warnings: [] });
  });

  it('serializes writer processes: two processes appending 50 records each in 5-record calls give seq 1..100, chain intact', async () => {
    const file = await freshLog();
    const dir = join(file, '..');
    await writeFile(join(dir, 'records.json'), JSON.stringify(records));
    await writeFile(
      join(dir, 'writer.mjs'),
      WRITER_SCRIPT.replace(
        'APPEND_MODULE',
        pathToFileURL(join(repoRoot, 'dist/audit/log/append-to-log.js')).href,
      ),
    );
    const results = await Promise.all(
      ['A', 'B'].map((tag) =>
        runNode([join(dir, 'writer.mjs'), file, join(dir, 'records.json'), tag, 'A', 'B']),
      ),
    );
    expect(results).toEqual([
      { status: 0, stderr: '' },
      { status: 0, stderr: '' },
    ]);

    const verification = await verifyLog(file);
    expect(verification).toMatchObject({
      ok: true,
      entries: 100,
      last: { seq: 100 },
      warnings: [],
    });
    const entries = (await linesOf(file)).map(
      (line) =>
        JSON.parse(line) as {
          seq: number;
          record: { input: { source: { file: string; line: number } } };
        },
    );
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (const tag of ['A', 'B']) {
      const own = entries
        .filter((entry) => entry.record.input.source.file === `writer-${tag}`)
        .map((entry) => entry.record.input.source.line);
      expect(own).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    }
    // The writers did take turns, so the lock (not luck) kept the chain intact.
    const writerOf = entries.map((entry) => entry.record.input.source.file);
    expect(
      writerOf.filter((writer, i) => i > 0 && writer !== writerOf[i - 1]).length,
    ).toBeGreaterThan(0);
  });

  it('takes over a stale lock left by a writer that died, and times out on a live one', async () => {
    const file = await freshLog();
    await mkdir(`${file}.lock`);
    await utimes(`${file}.lock`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await expect(appendToLog(file, [records[0]!])).resolves.toMatchObject({ seq: 1 });

    await mkdir(`${file}.lock`);
    const error = await appendToLog(file, [records[1]!], { lockWaitMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LogWriteError);
    expect(error).toMatchObject({
      reason: 'locked',
      message: `${file}: another writer has held the lock ${file}.lock for over 200 ms; retry later, or if no writer is running, the lock is removed automatically once it is 10 s old`,
    });
    await rm(`${file}.lock`, { recursive: true });
    expect(await verifyLog(file)).toMatchObject({ ok: true, entries: 1 });
  });
});

/**
 * A writer process: waits until every writer is ready (so they really overlap), then appends 50
 * records tagged with its name and their number, in 10 calls of 5, pausing 0–4 ms between calls
 * as a service would.
 */
const WRITER_SCRIPT = `
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendToLog } from 'APPEND_MODULE';
const [file, recordsFile, tag, ...writers] = process.argv.slice(2);
const records = JSON.parse(await readFile(recordsFile, 'utf8'));
const dir = join(file, '..');
await writeFile(join(dir, 'ready-' + tag), '');
const ready = () => Promise.all(writers.map((w) => access(join(dir, 'ready-' + w)))).then(() => true, () => false);
while (!(await ready())) await sleep(2);
for (let call = 0; call < 10; call++) {
  const batch = [];
  for (let i = 1; i <= 5; i++) {
    const n = call * 5 + i;
    const record = records[n % records.length];
    batch.push({ ...record, input: { ...record.input, source: { file: 'writer-' + tag, line: n } } });
  }
  await appendToLog(file, batch);
  await sleep(Math.random() * 4);
}
`;

function runNode(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('appendToLog refuses, failing closed with a LogWriteError', () => {
  async function refusal(file: string): Promise<LogWriteError> {
    const error = await appendToLog(file, [records[0]!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogWriteError);
    return error as LogWriteError;
  }

  it('a log path under a regular file: unwritable', async () => {
    const dir = join(await freshLog(), '..');
    await writeFile(join(dir, 'plain'), 'a file, not a directory\n');
    const file = join(dir, 'plain', 'decisions.ndjson');
    const error = await refusal(file);
    expect(error.reason).toBe('unwritable');
    expect(error.message).toBe(
      `${file}: cannot take the lock ${file}.lock: a part of the path is a file, not a directory; choose another log path (ENOTDIR: not a directory, mkdir '${file}.lock')`,
    );
  });

  it('a log in a directory that does not exist: unwritable, and the directory is not created', async () => {
    const file = join(await freshLog(), '..', 'missing', 'decisions.ndjson');
    const error = await refusal(file);
    expect(error.reason).toBe('unwritable');
    expect(error.message).toBe(
      `${file}: cannot take the lock ${file}.lock: its directory does not exist; create it first (ENOENT: no such file or directory, mkdir '${file}.lock')`,
    );
  });

  it('a log whose head entry was cut short: broken-log, appends nothing', async () => {
    const file = await logOfFive();
    const lines = await linesOf(file);
    const torn = `${lines.slice(0, 4).join('\n')}\n${lines[4]!.slice(0, 100)}`;
    await writeFile(file, torn);
    const error = await refusal(file);
    expect(error.reason).toBe('broken-log');
    expect(error.message).toBe(
      `${file}: entry seq 5, which ${file}.head names, is not in the log (the last entry before it is seq 4): entries at or before the head were removed or cut; nothing was appended. Run \`account-policy verify-log ${file}\` to locate the damage (docs/decision-log.md says how to recover)`,
    );
    expect(await readFile(file, 'utf8')).toBe(torn);
  });

  it('a log whose trailing entry was removed (the head says 5): broken-log', async () => {
    const file = await logOfFive();
    await writeLines(file, (await linesOf(file)).slice(0, 4));
    const error = await refusal(file);
    expect(error.reason).toBe('broken-log');
    expect(error.message).toContain(
      `: entry seq 5, which ${file}.head names, is not in the log (the last entry before it is seq 4): entries at or before the head were removed or cut; nothing was appended.`,
    );
  });

  it('a log whose head entry was altered, or whose head file is gone: broken-log', async () => {
    const file = await logOfFive();
    const lines = await linesOf(file);
    await writeLines(file, [...lines.slice(0, 4), lines[4]!.replace('wxid_', 'wxid_x')]);
    const start = Buffer.byteLength(`${lines.slice(0, 4).join('\n')}\n`);
    expect((await refusal(file)).message).toContain(
      `: entry seq 5, which ${file}.head names, was changed (from byte ${start}); nothing was appended.`,
    );

    await writeLines(file, lines);
    await rm(`${file}.head`);
    expect((await refusal(file)).message).toContain(
      `: ${file}.head is missing, so nothing in the log is known to be committed:`,
    );
  });

  it('entries past the head (a writer died before recording it) are uncommitted: moved aside, never adopted', async () => {
    const file = await logOfFive();
    const lines = await linesOf(file);
    await writeFile(`${file}.head`, `{"seq":3,"hash":"${hashOf(lines[2])}"}\n`);
    const past = `${lines[3]}\n${lines[4]}\n`;
    expect(await verifyLog(file)).toEqual({
      ok: false,
      file,
      entries: 3,
      last: { seq: 3, hash: hashOf(lines[2]) },
      head: { seq: 3, hash: hashOf(lines[2]) },
      uncommitted: { line: 4, lines: 2, bytes: Buffer.byteLength(past) },
      warnings: [],
      problem: {
        file,
        line: 4,
        kind: 'uncommitted',
        message: `2 lines (${Buffer.byteLength(past)} bytes) from line 4 follow the head (seq 3) and are not committed: a writer was stopped before it recorded its head, or they were added by hand; the next append moves them to ${file}.uncommitted`,
      },
    });
    const moved: unknown[] = [];
    const head = await appendToLog(file, [records[0]!], { onUncommitted: (m) => moved.push(m) });
    expect(moved).toEqual([
      {
        file,
        sideFile: `${file}.uncommitted`,
        afterSeq: 3,
        lines: 2,
        bytes: Buffer.byteLength(past),
      },
    ]);
    expect(head.seq).toBe(4);
    expect(await readFile(`${file}.uncommitted`, 'utf8')).toBe(past);
    expect((await linesOf(file)).slice(0, 3)).toEqual(lines.slice(0, 3));
    expect(await verifyLog(file)).toEqual({
      ok: true,
      file,
      entries: 4,
      last: head,
      head,
      uncommitted: null,
      warnings: [],
    });
  });

  it('a torn line past the head is moved aside with its end added; a head still at seq 0 commits nothing', async () => {
    const file = await logOfFive();
    const lines = await linesOf(file);
    await writeFile(file, `${lines.join('\n')}\n{"seq":6,"prev":"ab`);
    await appendToLog(file, [records[1]!]);
    expect(await readFile(`${file}.uncommitted`, 'utf8')).toBe('{"seq":6,"prev":"ab\n');
    expect(await verifyLog(file)).toMatchObject({ ok: true, entries: 6 });

    const second = await logOfFive();
    await writeFile(`${second}.head`, `{"seq":0,"hash":"${ZEROS}"}\n`);
    expect(await verifyLog(second)).toMatchObject({
      ok: false,
      entries: 0,
      head: { seq: 0, hash: ZEROS },
      uncommitted: { line: 1, lines: 5 },
      problem: { kind: 'uncommitted', line: 1 },
    });
    expect(await appendToLog(second, [records[0]!])).toMatchObject({ seq: 1 });
    expect((await readFile(`${second}.uncommitted`, 'utf8')).split('\n')).toHaveLength(6);
  });

  it('a record that is not an object: TypeError, before touching the log', async () => {
    const file = await freshLog();
    await expect(appendToLog(file, ['not a record' as unknown as DecisionRecord])).rejects.toThrow(
      new TypeError('appendToLog: records[0] must be a decision or error record (an object)'),
    );
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('verifyLog finds the first problem, at its line', () => {
  /** Verifies a five-entry log after `tamper` rewrote its lines. */
  async function verifyTampered(tamper: (lines: string[]) => string[] | string) {
    const file = await logOfFive();
    const lines = await linesOf(file);
    const tampered = tamper([...lines]);
    if (typeof tampered === 'string') await writeFile(file, tampered);
    else await writeLines(file, tampered);
    return { file, lines, verification: await verifyLog(file) };
  }

  it('an intact log: ok, with exact counts and its head', async () => {
    const file = await logOfFive();
    const last = { seq: 5, hash: hashOf((await linesOf(file))[4]) };
    expect(await verifyLog(file)).toEqual({
      ok: true,
      file,
      entries: 5,
      last,
      head: last,
      uncommitted: null,
      warnings: [],
    });
  });

  it('an empty log: ok, 0 entries', async () => {
    const file = await freshLog();
    await appendToLog(file, []);
    const genesis = { seq: 0, hash: ZEROS };
    expect(await verifyLog(file)).toEqual({
      ok: true,
      file,
      entries: 0,
      last: genesis,
      head: genesis,
      uncommitted: null,
      warnings: [],
    });
  });

  it('a field changed in entry 3 of 5: altered at line 3', async () => {
    const { file, lines, verification } = await verifyTampered((lines) => {
      const entry = JSON.parse(lines[2]!) as { record: { accountId: string } };
      entry.record.accountId = 'wxid_someone_else';
      lines[2] = JSON.stringify(entry);
      return lines;
    });
    expect(verification).toEqual({
      ok: false,
      file,
      entries: 2,
      last: { seq: 2, hash: hashOf(lines[1]) },
      head: { seq: 5, hash: hashOf(lines[4]) },
      uncommitted: null,
      warnings: [],
      problem: {
        file,
        line: 3,
        kind: 'altered',
        message:
          'entry seq 3 does not match its hash: its content was changed after it was written',
      },
    });
  });

  it('entry 3 changed and its hash recomputed: altered where the next entry no longer links to it', async () => {
    const { file, verification } = await verifyTampered((lines) => {
      const entry = JSON.parse(lines[2]!) as {
        seq: number;
        prev: string;
        record: { accountId: string };
        hash: string;
      };
      entry.record.accountId = 'wxid_someone_else';
      entry.hash = entryHash(entry.seq, entry.prev, canonicalJson(entry.record));
      lines[2] = JSON.stringify(entry);
      return lines;
    });
    expect(verification).toMatchObject({
      ok: false,
      entries: 3,
      problem: {
        file,
        line: 4,
        kind: 'altered',
        message: 'entry seq 4 does not link to entry seq 3 on line 3: one of them was replaced',
      },
    });
  });

  it('lines 2 and 3 swapped: reordered at line 2', async () => {
    const { file, verification } = await verifyTampered(([a, b, c, ...rest]) => [
      a!,
      c!,
      b!,
      ...rest,
    ]);
    expect(verification).toMatchObject({
      ok: false,
      entries: 1,
      problem: {
        file,
        line: 2,
        kind: 'reordered',
        message: 'entry seq 3 comes before seq 2: the entries are out of order',
      },
    });
  });

  it('line 3 deleted: removed at line 3', async () => {
    const { file, verification } = await verifyTampered((lines) => lines.filter((_, i) => i !== 2));
    expect(verification).toMatchObject({
      ok: false,
      entries: 2,
      problem: {
        file,
        line: 3,
        kind: 'removed',
        message: 'entry seq 3 is missing before this line (seq jumps from 2 to 4)',
      },
    });
  });

  it('lines 2 and 3 deleted: removed at line 2, naming both', async () => {
    const { file, verification } = await verifyTampered((lines) =>
      lines.filter((_, i) => i !== 1 && i !== 2),
    );
    expect(verification).toMatchObject({
      ok: false,
      entries: 1,
      problem: {
        file,
        line: 2,
        kind: 'removed',
        message: 'entries seq 2–3 are missing before this line (seq jumps from 1 to 4)',
      },
    });
  });

  it('line 2 repeated: reordered at line 3', async () => {
    const { file, verification } = await verifyTampered((lines) => [
      lines[0]!,
      lines[1]!,
      lines[1]!,
      ...lines.slice(2),
    ]);
    expect(verification).toMatchObject({
      ok: false,
      entries: 2,
      problem: {
        file,
        line: 3,
        kind: 'reordered',
        message: 'entry seq 2 repeats line 2: an entry was duplicated',
      },
    });
  });

  it('the last line cut in half: truncated at line 5', async () => {
    const { file, verification } = await verifyTampered(
      (lines) =>
        `${lines.slice(0, 4).join('\n')}\n${lines[4]!.slice(0, Math.floor(lines[4]!.length / 2))}`,
    );
    expect(verification).toMatchObject({
      ok: false,
      entries: 4,
      problem: {
        file,
        line: 5,
        kind: 'truncated',
        message: 'the last line has no end: a write was cut short (a crash, or the file was cut)',
      },
    });
  });

  it('the last whole line deleted (the head says 5): truncated at line 5', async () => {
    const { file, verification } = await verifyTampered((lines) => lines.slice(0, 4));
    expect(verification).toMatchObject({
      ok: false,
      entries: 4,
      problem: {
        file,
        line: 5,
        kind: 'truncated',
        message: `${file}.head says the log ends at seq 5, but it ends at seq 4: entry seq 5 was cut off its end`,
      },
    });
  });

  it('the last entry replaced by a valid one (hash recomputed): altered at line 5, against the head file', async () => {
    const { file, lines, verification } = await verifyTampered((lines) => {
      const entry = JSON.parse(lines[4]!) as {
        seq: number;
        prev: string;
        record: { accountId: string };
        hash: string;
      };
      entry.record.accountId = 'wxid_someone_else';
      entry.hash = entryHash(entry.seq, entry.prev, canonicalJson(entry.record));
      lines[4] = JSON.stringify(entry);
      return lines;
    });
    expect(verification).toMatchObject({
      ok: false,
      entries: 5,
      problem: {
        file,
        line: 5,
        kind: 'altered',
        message: `entry seq 5 is not the one ${file}.head recorded (hash ${hashOf(lines[4])}): it was replaced`,
      },
    });
  });

  it('a line that is not JSON in the middle: malformed', async () => {
    const { file, verification } = await verifyTampered((lines) => [
      lines[0]!,
      '',
      ...lines.slice(1),
    ]);
    expect(verification).toMatchObject({
      ok: false,
      entries: 1,
      problem: { file, line: 2, kind: 'malformed', message: 'not a log entry: the line is empty' },
    });
  });

  it('no head file: nothing is committed, head null', async () => {
    const file = await logOfFive();
    await rm(`${file}.head`);
    const verification = await verifyLog(file);
    expect(verification).toMatchObject({
      ok: false,
      entries: 0,
      head: null,
      uncommitted: { line: 1, lines: 5 },
    });
    expect(verification.problem).toEqual({
      file,
      line: 1,
      kind: 'uncommitted',
      message: `there is no ${file}.head, so none of the log's 5 lines is committed: restore the head from a backup or from your last anchor (docs/decision-log.md)`,
    });
  });

  it('a log that cannot be read: InvalidInputError read-failed', async () => {
    const file = await freshLog();
    await expect(verifyLog(file)).rejects.toMatchObject({
      name: 'InvalidInputError',
      diagnostics: [
        { severity: 'error', code: 'read-failed', message: 'cannot read: no such file', file },
      ],
    });
  });
});

describe('account-policy verify-log', () => {
  it('exit 0 and one ✓ line for an intact log', async () => {
    const file = await logOfFive();
    const hash = hashOf((await linesOf(file))[4]);
    expect(await runCli(['verify-log', file])).toEqual({
      status: 0,
      stdout: `✓ ${file}: 5 entries, chain intact byte for byte (head seq 5, hash ${hash})\n`,
      stderr: '',
    });
  });

  it('exit 1 and the first problem at file:line for a broken chain; --format json gives the same as the library', async () => {
    const file = await logOfFive();
    const lines = await linesOf(file);
    await writeLines(
      file,
      lines.filter((_, i) => i !== 2),
    );
    expect(await runCli(['verify-log', file])).toEqual({
      status: 1,
      stdout: `✗ ${file}:3: removed: entry seq 3 is missing before this line (seq jumps from 2 to 4)\n  2 entries before it are intact; docs/decision-log.md says what each problem means and what to do\n`,
      stderr: '',
    });
    const json = await runCli(['verify-log', file, '--format', 'json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual(await verifyLog(file));
  });

  it('a relative path is read from the working directory', async () => {
    const file = await logOfFive();
    const hash = hashOf((await linesOf(file))[4]);
    expect(await runCli(['verify-log', 'decisions.ndjson'], { cwd: join(file, '..') })).toEqual({
      status: 0,
      stdout: `✓ decisions.ndjson: 5 entries, chain intact byte for byte (head seq 5, hash ${hash})\n`,
      stderr: '',
    });
  });

  it('exit 2 when the log cannot be read, nothing on stdout', async () => {
    expect(await runCli(['verify-log', 'no-such-log.ndjson'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'account-policy: no-such-log.ndjson: read-failed: cannot read: no such file\n',
    });
  });
});
