import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../src/index.js';
import { repoRoot, runCli } from './helpers.js';

const NOW = '2026-11-25T00:00:00Z';

async function workDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'account-policy-log-cli-'));
}

function logRecords(text: string): unknown[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as { record: unknown }).record);
}

describe('--log on evaluate and batch', () => {
  it('evaluate --log appends the record and prints exactly what evaluate prints without it', async () => {
    const dir = await workDir();
    const plain = await runCli([
      'evaluate',
      join(repoRoot, 'examples/blocked.yaml'),
      '--now',
      NOW,
      '--format',
      'json',
    ]);
    const logged = await runCli(
      [
        'evaluate',
        join(repoRoot, 'examples/blocked.yaml'),
        '--now',
        NOW,
        '--format',
        'json',
        '--log',
        'decisions.log',
      ],
      { cwd: dir },
    );
    expect(logged.status).toBe(0);
    expect(logged.stdout).toBe(plain.stdout);
    await runCli(
      [
        'evaluate',
        join(repoRoot, 'examples/eligible.json'),
        '--now',
        NOW,
        '--log',
        'decisions.log',
      ],
      { cwd: dir },
    );
    const verification = await verifyLog(join(dir, 'decisions.log'));
    expect(verification).toMatchObject({ ok: true, entries: 2 });
    const [first] = logRecords(await readFile(join(dir, 'decisions.log'), 'utf8'));
    expect(first).toMatchObject({
      kind: 'decision',
      accountId: 'wxid_blocked02',
      evaluatedAt: '2026-11-25T00:00:00.000Z',
      policies: JSON.parse(plain.stdout).policies,
    });
  });

  it('evaluate fails closed when the log cannot be written: exit 1, nothing on stdout', async () => {
    const dir = await workDir();
    await writeFile(join(dir, 'a-file'), 'not a directory');
    const { status, stdout, stderr } = await runCli(
      ['evaluate', join(repoRoot, 'examples/blocked.yaml'), '--log', 'a-file/decisions.log'],
      { cwd: dir },
    );
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^account-policy: cannot write the decision log, so no decision is reported: a-file\/decisions\.log: /,
    );
    expect(stderr).not.toContain('internal error');
  });

  it('batch --log logs every record, in output order, and verify-log finds the chain intact', async () => {
    const dir = await workDir();
    const { status, stdout } = await runCli(
      [
        'batch',
        join(repoRoot, 'examples/corpus.ndjson'),
        '--log',
        'decisions.log',
        '--workers',
        '2',
      ],
      { cwd: dir },
    );
    expect(status).toBe(0);
    const output = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(logRecords(await readFile(join(dir, 'decisions.log'), 'utf8'))).toEqual(output);
    const verified = await runCli(['verify-log', 'decisions.log'], { cwd: dir });
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^✓ decisions\.log: 3000 entries, chain intact byte for byte/);
  });

  it('batch fails closed when the log cannot be written: exit 1, no --out file', async () => {
    const dir = await workDir();
    await writeFile(join(dir, 'a-file'), 'not a directory');
    const { status, stderr } = await runCli(
      [
        'batch',
        join(repoRoot, 'examples/corpus.ndjson'),
        '--log',
        'a-file/x.log',
        '--out',
        'records.ndjson',
      ],
      { cwd: dir },
    );
    expect(status).toBe(1);
    expect(stderr).toContain('cannot write the decision log, so no decision is reported');
    expect(await readdir(dir)).toEqual(['a-file']);
  });
});

describe('replaying a recorded decision (docs/audit.md)', () => {
  it('evaluate --now <evaluatedAt> reproduces the record, and batch reproduces its decisionId', async () => {
    const dir = await workDir();
    const first = await runCli(['batch', join(repoRoot, 'examples/cooling-off.yaml')], {
      cwd: dir,
    });
    const record = JSON.parse(first.stdout) as {
      decisionId: string;
      evaluatedAt: string;
      lifecycle: unknown;
      policies: unknown;
      rules: { digest: string };
    };
    const replay = await runCli([
      'evaluate',
      join(repoRoot, 'examples/cooling-off.yaml'),
      '--now',
      record.evaluatedAt,
      '--format',
      'json',
    ]);
    expect(JSON.parse(replay.stdout)).toMatchObject({
      lifecycle: record.lifecycle,
      policies: record.policies,
      rules: record.rules,
    });
    // The same data in another form (JSON, keys reordered) is the same input, so the same decision.
    const again = await runCli(['batch', '-', '--now', record.evaluatedAt], {
      stdin: `${JSON.stringify(await snapshotOf('examples/cooling-off.yaml'))}\n`,
    });
    expect((JSON.parse(again.stdout) as { decisionId: string }).decisionId).toBe(record.decisionId);
  });
});

async function snapshotOf(example: string): Promise<Record<string, unknown>> {
  const { parse } = await import('yaml');
  const value = parse(await readFile(join(repoRoot, example), 'utf8')) as Record<string, unknown>;
  // Reverse the key order: canonical JSON makes it the same input.
  return Object.fromEntries(Object.entries(value).reverse());
}
