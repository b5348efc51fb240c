/**
 * A reload reads and checks the rule files off the event loop: while a rule file of nearly
 * 1 MiB (the most one may be) is reloaded again and again, /healthz on a real loopback server
 * answers every poll, with no long gap between answers; a refused reload still reports exactly
 * the diagnostics a load on this thread gives. Timing targets belong to the benchmarks; the
 * bound here is loose (1 s), while one such load takes over 1.5 s of CPU on this machine.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { createServer } from '../../src/server/index.js';
import { copyRuleSet, repoRoot } from '../helpers.js';

const MIB = 1024 * 1024;
const MAX_GAP_MS = 1_000;

let running: FastifyInstance | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** cancel.yaml with `filler(room)` appended, to just under 1 MiB in all. */
async function growCancel(dir: string, filler: (bytes: number) => string): Promise<void> {
  const file = join(dir, 'cancel.yaml');
  const text = await readFile(file, 'utf8');
  const grown = text + filler(MIB - Buffer.byteLength(text) - 64);
  expect(Buffer.byteLength(grown)).toBeGreaterThan(MIB - 200);
  expect(Buffer.byteLength(grown)).toBeLessThanOrEqual(MIB);
  await writeFile(file, grown);
}

/** ~175,000 YAML nodes under a key the schema does not allow: slow to parse, then refused. */
const unknownList = (bytes: number) => `extra:\n${'  - 0\n'.repeat(Math.floor((bytes - 7) / 6))}`;
/** Comment lines: the rule set loads, with a new digest. */
const comments = (bytes: number) => `# ${'x'.repeat(77)}\n`.repeat(Math.floor(bytes / 80));

async function start(rules: string) {
  const server = await createServer({ rules, logStream: false });
  running = server;
  return { server, url: await server.listen({ port: 0, host: '127.0.0.1' }) };
}

/** Polls /healthz, one request after another, until `work` settles; the status of each answer and the longest gap between answers. */
async function pollHealthDuring<T>(url: string, work: Promise<T>) {
  let done = false;
  const settled = work.finally(() => (done = true));
  const statuses: number[] = [];
  let last = performance.now();
  let maxGapMs = 0;
  while (!done) {
    const response = await fetch(`${url}/healthz`);
    await response.arrayBuffer();
    statuses.push(response.status);
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { result: await settled, statuses, maxGapMs };
}

async function reloadTimes(server: FastifyInstance, times: number) {
  const outcomes = [];
  for (let i = 0; i < times; i++) outcomes.push(await server.reloadRules());
  return outcomes;
}

describe('reloading a 1 MiB rule file off the event loop', () => {
  it('keeps /healthz answering through three slow refused reloads, with the same diagnostics', async () => {
    const rules = await copyRuleSet();
    const { server, url } = await start(rules);
    const digest = (await server.reloadRules()).digest;
    await growCancel(rules, unknownList);

    const { result, statuses, maxGapMs } = await pollHealthDuring(url, reloadTimes(server, 3));

    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(maxGapMs, `longest gap between /healthz answers: ${maxGapMs} ms`).toBeLessThan(
      MAX_GAP_MS,
    );
    const here = await loadRuleSet(rules);
    expect(here.ok).toBe(false);
    expect(here.diagnostics.map((d) => d.code)).toEqual(['schema']);
    for (const outcome of result) {
      expect(outcome).toEqual({ ok: false, digest, diagnostics: here.diagnostics });
    }
  });

  it('keeps /healthz answering while a 1 MiB rule file that loads is swapped in', async () => {
    const rules = await copyRuleSet();
    const { server, url } = await start(rules);
    const previous = (await server.reloadRules()).digest;
    await growCancel(rules, comments);

    const { result, statuses, maxGapMs } = await pollHealthDuring(url, reloadTimes(server, 3));

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(maxGapMs, `longest gap between /healthz answers: ${maxGapMs} ms`).toBeLessThan(
      MAX_GAP_MS,
    );
    const here = await loadRuleSet(rules);
    if (!here.ok) throw new Error('the grown rule set must load');
    expect(result.map((outcome) => outcome.ok && outcome.changed)).toEqual([true, false, false]);
    expect(result[0]).toEqual({
      ok: true,
      changed: true,
      digest: here.ruleSet.digest,
      previous,
      warnings: here.diagnostics,
    });
    expect((await fetch(`${url}/healthz`)).headers.get('x-rules-digest')).toBe(here.ruleSet.digest);
  });

  it('the loader thread does not hold a process open (built package, dist/)', async () => {
    // Run `npm run build` first: this spawns node on dist/.
    const script = `
      const { createServer } = await import('./dist/server/index.js');
      const server = await createServer({ logStream: false });
      await server.reloadRules();
      await server.close();
      console.log('closed');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect({ code, output }).toEqual({ code: 0, output: 'closed\n' });
  });
});
