import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishedSchema, repoRoot, runCli } from './helpers.js';

const NOW = '2026-11-24T00:00:00Z';
const DECISIONS = 12;

let dir: string;
let log: string;
let head: { seq: number; hash: string };

/** The first `count` snapshots of the corpus, as their own NDJSON file. */
async function corpusPart(name: string, from: number, count: number): Promise<string> {
  const lines = (await readFile(join(repoRoot, 'examples/corpus.ndjson'), 'utf8')).split('\n');
  const file = join(dir, name);
  await writeFile(file, `${lines.slice(from, from + count).join('\n')}\n`);
  return file;
}

async function batchInto(input: string, target: string): Promise<void> {
  const run = await runCli([
    'batch',
    input,
    '--log',
    target,
    '--now',
    NOW,
    '--out',
    `${input}.out`,
  ]);
  expect(run.status, run.stderr).toBe(0);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'account-policy-report-log-'));
  log = join(dir, 'd.log');
  await batchInto(await corpusPart('in.ndjson', 0, DECISIONS), log);
  const printed = await runCli(['log-head', log]);
  expect(printed.status, printed.stderr).toBe(0);
  head = JSON.parse(printed.stdout) as typeof head;
});

describe('report <decision log>', () => {
  it('json: one account per decision, provenance with the head log-head prints, verified', async () => {
    const run = await runCli(['report', log, '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any;
    expect(publishedSchema('report')(report)).toBe(true);
    expect(report.summary.accounts).toBe(DECISIONS);
    expect(report.summary.errors).toBe(0);
    expect(report.provenance.logHead).toEqual({ seq: head.seq, hash: head.hash });
    expect(head.seq).toBe(DECISIONS);
    expect(report.provenance.verified).toBe(true);
    expect(report.provenance.inputs).toEqual([
      { file: log, kind: 'log', digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(report.provenance.rulesDigests).toHaveLength(1);
  });

  it('html names the head, and each decision id and input digest; md states the head', async () => {
    const json = JSON.parse((await runCli(['report', log, '--format', 'json'])).stdout) as {
      accounts: { entries: { decisionId: string; inputDigest: string }[] };
    };
    const first = json.accounts.entries[0]!;
    const html = await runCli(['report', log, '--format', 'html', '--lang', 'en']);
    expect(html.status, html.stderr).toBe(0);
    expect(html.stdout).toContain(head.hash);
    expect(html.stdout).toContain(first.decisionId);
    expect(html.stdout).toContain(first.inputDigest);
    for (const lang of ['en', 'zh-CN']) {
      const md = await runCli(['report', log, '--format', 'md', '--lang', lang]);
      expect(md.status, md.stderr).toBe(0);
      expect(md.stdout).toContain(`seq ${head.seq}`);
      expect(md.stdout).toContain(head.hash);
    }
    const csv = await runCli(['report', log, '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[1]).toContain(`,${head.seq},${head.hash}`);
    const junit = await runCli(['report', log, '--format', 'junit']);
    expect(junit.stdout).toContain(`<property name="log.hash" value="${head.hash}"/>`);
  });

  it('plain records are not verified: provenance says records, no head', async () => {
    const run = await runCli(['report', join(dir, 'in.ndjson.out'), '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const { provenance } = JSON.parse(run.stdout) as { provenance: Record<string, unknown> };
    expect(provenance).toMatchObject({ logHead: null, verified: false });
    expect(provenance.inputs).toMatchObject([{ kind: 'records' }]);
  });

  it('refuses a tampered log with exit 2 and the verifier’s first problem, writing nothing', async () => {
    const copy = join(dir, 't.log');
    const lines = (await readFile(log, 'utf8')).split('\n');
    lines[2] = lines[2]!.replace('wxid_', 'wxie_');
    await writeFile(copy, lines.join('\n'));
    await copyFile(`${log}.head`, `${copy}.head`);
    const out = join(dir, 'tampered-report.json');
    const run = await runCli(['report', copy, '--format', 'json', '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${copy}:3: log-not-verified`);
    expect(run.stderr).toContain('altered');
    expect(await readdir(dir)).not.toContain('tampered-report.json');
  });

  it('refuses a log with uncommitted lines past its head, and a log whose head is gone', async () => {
    const partial = join(dir, 'u.log');
    await batchInto(await corpusPart('u1.ndjson', 0, 3), partial);
    const earlier = await readFile(`${partial}.head`);
    await batchInto(await corpusPart('u2.ndjson', 3, 2), partial);
    await writeFile(`${partial}.head`, earlier);
    const run = await runCli(['report', partial, '--format', 'md']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${partial}:4: log-not-verified`);
    expect(run.stderr).toContain('uncommitted');

    await rm(`${partial}.head`);
    const headless = await runCli(['report', partial, '--format', 'json']);
    expect(headless.status).toBe(2);
    expect(headless.stderr).toContain(`${partial}:1: log-not-verified`);
  });
});
