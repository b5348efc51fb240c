import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadPolicy, type DecisionRecord } from '../src/index.js';
import { cliPath, repoRoot, runCli, snapshot, publishedSchema } from './helpers.js';

const run = promisify(execFile);
const CORPUS = join(repoRoot, 'examples/corpus.ndjson');

function records(stdout: string): DecisionRecord[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as DecisionRecord);
}

async function workDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'account-policy-batch-'));
}

describe('account-policy batch (real process)', () => {
  it('gives, in input order, the records evaluate gives one by one — with worker threads', async () => {
    const { status, stdout, stderr } = await runCli(['batch', CORPUS, '--workers', '2']);
    expect(status).toBe(0);
    expect(stderr).toMatch(
      /^batch: 3000 evaluated, 0 errors in \d+\.\d\d s \(\d+\/s\)\n {2}cancel {7}pass \d+ {2}fail \d+ \(not applicable \d+, blocked \d+\)\n/,
    );
    // Fails split as reports split them (premises: docs/reports.md), counted across the workers.
    expect(stderr).toContain(
      '  withdraw     pass 218  fail 2782 (not applicable 2395, blocked 387)\n  phone-reuse  pass 251  fail 2749 (not applicable 10, blocked 2739)\n',
    );
    const lines = (await readFile(CORPUS, 'utf8')).trimEnd().split('\n');
    const output = records(stdout);
    expect(output).toHaveLength(lines.length);
    const policy = await loadPolicy();
    for (const index of [0, 1, 255, 256, 257, 1500, 2999]) {
      const expected = await policy.recordText(lines[index] ?? '', {
        file: CORPUS,
        format: 'json',
        source: { file: CORPUS, line: index + 1 },
      });
      expect(output[index], `line ${index + 1}`).toEqual(expected);
    }
    const evaluated = await Promise.all(lines.map((line) => policy.evaluate(JSON.parse(line))));
    expect(output.map((r) => (r.kind === 'decision' ? r.policies : null))).toEqual(
      evaluated.map((r) => r.policies),
    );
  });

  it('writes the same bytes with worker threads and in-process', async () => {
    const threads = await runCli(['batch', CORPUS, '--workers', '2']);
    const inProcess = await runCli(['batch', CORPUS, '--workers', '0']);
    expect(threads.stdout).toBe(inProcess.stdout);
  });

  it('turns bad lines into error records at their line numbers, evaluates the rest, and exits 2', async () => {
    const good = JSON.stringify(snapshot({ accountId: 'wxid_good' }));
    const input = [
      good,
      '{"accountId": "wxid_half"',
      '',
      good.replace('"balanceFen":0', '"balanceFen":-5'),
      good.replace('wxid_good', 'wxid_good2'),
    ].join('\n');
    const { status, stdout, stderr } = await runCli(
      ['batch', '-', '--now', '2026-11-25T00:00:00Z'],
      { stdin: input },
    );
    expect(status).toBe(2);
    const output = records(stdout);
    expect(output.map((r) => r.kind)).toEqual(['decision', 'error', 'error', 'decision']);
    expect(output[1]).toEqual({
      kind: 'error',
      input: { source: { file: '-', line: 2 } },
      diagnostics: [
        {
          severity: 'error',
          code: 'syntax',
          message: 'invalid JSON: close brace expected',
          file: '-',
          line: 2,
          col: 26,
          lineText: '{"accountId": "wxid_half"',
        },
      ],
    });
    expect(output[2]).toMatchObject({
      kind: 'error',
      input: { source: { file: '-', line: 4 } },
      diagnostics: [
        { code: 'schema', pointer: '/pay/balanceFen', line: 4, message: 'must be >= 0, got -5' },
      ],
    });
    expect(output[3]).toMatchObject({
      kind: 'decision',
      accountId: 'wxid_good2',
      input: { source: { file: '-', line: 5 } },
    });
    expect(stderr).toContain('batch: 2 evaluated, 2 errors in ');
    expect(stderr).toContain(
      '  2 inputs were refused: see the records with "kind":"error" (exit status 2)\n',
    );
  });

  it('reads an NDJSON file that starts with a UTF-8 byte-order mark', async () => {
    const dir = await workDir();
    await writeFile(
      join(dir, 'bom.ndjson'),
      `\uFEFF${JSON.stringify(snapshot({ accountId: 'wxid_bom' }))}\n`,
    );
    const { status, stdout } = await runCli(['batch', 'bom.ndjson'], { cwd: dir });
    expect(status).toBe(0);
    expect(records(stdout)[0]).toMatchObject({ kind: 'decision', accountId: 'wxid_bom' });
  });

  it('reads directories of JSON and YAML files in name order, and says which file a record came from', async () => {
    const dir = await workDir();
    await mkdir(join(dir, 'snapshots'));
    for (const name of ['cooling-off.yaml', 'eligible.json', 'blocked.yaml'])
      await writeFile(
        join(dir, 'snapshots', name),
        await readFile(join(repoRoot, 'examples', name)),
      );
    await writeFile(join(dir, 'snapshots', 'notes.txt'), 'ignored');
    const { status, stdout } = await runCli(['batch', 'snapshots'], { cwd: dir });
    expect(status).toBe(0);
    expect(records(stdout).map((r) => r.input.source)).toEqual([
      { file: 'snapshots/blocked.yaml' },
      { file: 'snapshots/cooling-off.yaml' },
      { file: 'snapshots/eligible.json' },
    ]);
  });

  it('writes --out only when the batch completes, and never leaves a partial file', async () => {
    const dir = await workDir();
    const ok = await runCli(['batch', CORPUS, '--out', 'records.ndjson', '--workers', '1'], {
      cwd: dir,
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
    expect(
      (await readFile(join(dir, 'records.ndjson'), 'utf8')).trimEnd().split('\n'),
    ).toHaveLength(3000);
    const broken = await runCli(
      ['batch', CORPUS, '--out', 'never.ndjson', '--rules', 'no-such-rules'],
      { cwd: dir },
    );
    expect(broken.status).toBe(2);
    expect(await readdir(dir)).toEqual(['records.ndjson']);
  });

  it('adds the trace with --explain, and every record validates against decision-record.schema.json', async () => {
    const validate = publishedSchema('decision-record');
    const { stdout } = await runCli(
      ['batch', join(repoRoot, 'examples'), '-', '--explain', '--lang', 'en'],
      { stdin: '{}\n' },
    );
    const output = records(stdout);
    expect(output.length).toBe(6);
    for (const record of output)
      expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    const decision = output.find((r) => r.kind === 'decision' && r.accountId === 'wxid_blocked02');
    expect(decision?.kind === 'decision' && decision.explanation?.cancel?.[1]?.id).toBe(
      'cancel.balance-zero',
    );
    expect(decision?.kind === 'decision' && decision.messages['cancel.balance-zero']).toEqual({
      'zh-CN': '零钱余额 ¥12.50 尚未清空，请先提现或用完。',
      en: 'The wallet still holds ¥12.50; withdraw or spend it first.',
    });
  });

  it('shows a progress bar on a terminal (count, rate, ETA), and none when piped', async () => {
    const dir = await workDir();
    const command = `${process.execPath} ${cliPath} batch ${CORPUS} --out ${join(dir, 'r.ndjson')}`;
    const { stdout: terminal } = await run('script', ['-qc', command, '/dev/null'], {
      env: { ...process.env, TERM: 'xterm' },
    });
    expect(terminal).toMatch(/batch \[[█░]+\] 100% · 3000 snapshots · \d+\/s · ETA 0s/);
    const piped = await runCli(['batch', CORPUS, '--out', join(dir, 'p.ndjson')]);
    expect(piped.stderr).not.toContain('ETA');
  });
});
