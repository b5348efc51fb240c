/**
 * Determinism across processes and threads, and survival of long-running paths: the same
 * generated NDJSON gives byte-identical records with `batch --workers 2` and `--workers 0`,
 * hostile lines included; deep YAML documents, two in one process, do not bring a batch down.
 * (The HTTP path — same input, same bytes as the library — belongs with the server's tests:
 * test/server*.test.ts should assert it over the same generator, test/hardening/arbitraries.ts.)
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, snapshot } from '../helpers.js';
import { caseArbitrary, SEED } from './arbitraries.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'account-policy-batch-hardening-'));
});

/** Generated snapshots with their own evaluation time (capturedAt), so no line depends on the clock. */
function generatedLines(count: number): string[] {
  return fc.sample(caseArbitrary({ breakRate: 0.15 }), { seed: SEED, numRuns: count }).map((c) => {
    const s = { ...c.snapshot };
    if (c.now !== undefined) s.capturedAt = c.now;
    else if (typeof s.capturedAt !== 'string') s.capturedAt = '2026-11-24T00:00:00Z';
    return JSON.stringify(s);
  });
}

const HOSTILE_LINES = [
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
  JSON.stringify({ ...snapshot(), padding: 'x'.repeat(2 * 1024 * 1024) }),
  '{"__proto__":{"polluted":true},"accountId":"p","phone":null,"pay":{"enabled":false,"balanceFen":0,"pendingTransactions":0,"pendingRefunds":0,"bankCards":[]},"authorizations":[],"cancellation":null,"capturedAt":"2026-11-24T00:00:00Z"}',
  'not json at all',
  '{"accountId":"dup","accountId":"dup2"}',
];

describe('batch: byte-identical records whatever the threads', () => {
  it('--workers 2 and --workers 0 agree on 1,500 generated and hostile lines', async () => {
    const lines = generatedLines(1500);
    lines.splice(700, 0, ...HOSTILE_LINES);
    const input = join(dir, 'generated.ndjson');
    await writeFile(input, `${lines.join('\n')}\n`);
    const threaded = await runCli(['batch', input, '--workers', '2']);
    const inline = await runCli(['batch', input, '--workers', '0']);
    expect(threaded.status).toBe(2); // some lines are refused by design
    expect(inline.status).toBe(2);
    expect(threaded.stdout.split('\n').filter(Boolean)).toHaveLength(lines.length);
    expect(threaded.stdout).toBe(inline.stdout);
    const records = threaded.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; diagnostics?: Array<{ code: string }> });
    expect(
      records.slice(700, 700 + HOSTILE_LINES.length).map((r) => r.diagnostics?.[0]?.code ?? r.kind),
    ).toEqual([
      'unsupported-yaml',
      'unsupported-yaml',
      'too-large',
      'decision',
      'syntax',
      'duplicate-key',
    ]);
  }, 60_000);
});

describe('deep YAML in long-running paths', () => {
  it('a directory with two 10⁵-deep YAML documents and a 1,000-deep one: every worker survives, each is an error record', async () => {
    const yamlDir = join(dir, 'deep-yaml');
    await mkdir(yamlDir);
    const valid =
      'accountId: ok\ncapturedAt: 2026-11-24T00:00:00Z\nphone: null\npay: {enabled: false, balanceFen: 0, pendingTransactions: 0, pendingRefunds: 0, bankCards: []}\nauthorizations: []\ncancellation: null\n';
    await writeFile(join(yamlDir, 'a-block.yaml'), `${valid}extra:\n${'- '.repeat(100_000)}x\n`);
    await writeFile(
      join(yamlDir, 'b-flow.yaml'),
      `${valid}extra: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    );
    await writeFile(
      join(yamlDir, 'c-block-again.yaml'),
      `${valid}extra:\n${'- '.repeat(100_000)}y\n`,
    );
    await writeFile(
      join(yamlDir, 'd-map.yaml'),
      `${valid}extra:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1\n`,
    );
    await writeFile(join(yamlDir, 'e-valid.yaml'), valid);
    for (const workers of ['0', '2']) {
      const run = await runCli(['batch', yamlDir, '--workers', workers]);
      expect(run.status, run.stderr).toBe(2);
      const records = run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; diagnostics?: Array<{ code: string }> });
      expect(records.map((r) => r.diagnostics?.[0]?.code ?? r.kind)).toEqual([
        'unsupported-yaml',
        'unsupported-yaml',
        'unsupported-yaml',
        'unsupported-yaml',
        'decision',
      ]);
    }
  }, 60_000);

  it('evaluate on the same two deep documents, one after another in one process (library path is in adversarial-input)', async () => {
    const run = await runCli([
      'report',
      join(dir, 'deep-yaml'),
      '--format',
      'json',
      '--now',
      '2026-11-24T00:00:00Z',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { errors: number } };
    expect(report.summary.errors).toBe(4);
  });
});
