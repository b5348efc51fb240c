/**
 * --watch survives the rule directory being replaced, not only edited: deleted and made again,
 * renamed over, a symlink to it swapped, and a Kubernetes ConfigMap volume's `..data` swap.
 * Each swap is done twice (the watch was made again) and, where the directory is a new one, a
 * file in it is then edited in place (the new directory itself is watched, not only its parent).
 * After each change the server must serve the changed rules within 5 s.
 */
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { createServer } from '../../src/server/index.js';
import { copyRuleSet, repoRoot } from '../helpers.js';

const WAIT_MS = 5_000;
const REASON = 'The wallet still holds';

let running: FastifyInstance | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The shipped rules (no tests/) at `into`, with the balance reason marked `step`. */
async function rulesAt(into: string, step: string): Promise<string> {
  await copyRuleSet({
    from: join(repoRoot, 'rules'),
    into,
    edits: [{ file: 'cancel.yaml', find: REASON, replace: `${step} ${REASON}` }],
  });
  await rm(join(into, 'tests'), { recursive: true });
  return digestOf(into);
}

async function digestOf(dir: string): Promise<string> {
  const outcome = await loadRuleSet(dir);
  if (!outcome.ok) throw new Error(`${dir} does not load`);
  return outcome.ruleSet.digest;
}

/** Edits the balance reason of the rule set at `dir` in place; returns the new digest. */
async function editInPlace(dir: string, step: string): Promise<string> {
  const file = join(dir, 'cancel.yaml');
  const text = await readFile(file, 'utf8');
  const edited = text.replace(/en: \S+ The wallet still holds/, `en: ${step} ${REASON}`);
  if (edited === text) throw new Error(`${file}: no marked balance reason to edit`);
  await writeFile(file, edited);
  return digestOf(dir);
}

async function serveWatching(rules: string) {
  const server = await createServer({ rules, watch: true, watchDebounceMs: 50, logStream: false });
  running = server;
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return { url, digest: () => servedDigest(url) };
}

async function servedDigest(url: string): Promise<string | null> {
  return (await fetch(`${url}/healthz`)).headers.get('x-rules-digest');
}

/** The digest served once it is `expected`, or the last one seen after WAIT_MS. */
async function settlesOn(url: string, expected: string): Promise<string | null> {
  const deadline = Date.now() + WAIT_MS;
  let seen = await servedDigest(url);
  while (seen !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    seen = await servedDigest(url);
  }
  return seen;
}

const freshParent = () => mkdtemp(join(tmpdir(), 'account-policy-watch-'));

describe('--watch when the rule directory is replaced', () => {
  it('survives the directory being deleted and made again', async () => {
    const parent = await freshParent();
    const rules = join(parent, 'rules');
    const first = await rulesAt(rules, 'start');
    const { url, digest } = await serveWatching(rules);
    expect(await digest()).toBe(first);
    for (const step of ['recreated-1', 'recreated-2']) {
      await rm(rules, { recursive: true });
      const next = await rulesAt(rules, step);
      expect(await settlesOn(url, next)).toBe(next);
    }
    const edited = await editInPlace(rules, 'edited');
    expect(await settlesOn(url, edited)).toBe(edited);
  });

  it('survives a new directory renamed into its place', async () => {
    const parent = await freshParent();
    const rules = join(parent, 'rules');
    await rulesAt(rules, 'start');
    const { url } = await serveWatching(rules);
    for (const step of ['renamed-1', 'renamed-2']) {
      const next = await rulesAt(join(parent, 'rules.next'), step);
      await rename(rules, join(parent, 'rules.old'));
      await rename(join(parent, 'rules.next'), rules);
      await rm(join(parent, 'rules.old'), { recursive: true });
      expect(await settlesOn(url, next)).toBe(next);
    }
    const edited = await editInPlace(rules, 'edited');
    expect(await settlesOn(url, edited)).toBe(edited);
  });

  it('survives a symlink to it swapped atomically (ln -s b tmp && mv -T tmp rules)', async () => {
    const parent = await freshParent();
    const rules = join(parent, 'rules');
    const digests = {
      a: await rulesAt(join(parent, 'a'), 'in-a'),
      b: await rulesAt(join(parent, 'b'), 'in-b'),
    };
    await symlink('a', rules);
    const { url, digest } = await serveWatching(rules);
    expect(await digest()).toBe(digests.a);
    for (const target of ['b', 'a', 'b'] as const) {
      await symlink(target, join(parent, 'rules.tmp'));
      await rename(join(parent, 'rules.tmp'), rules);
      expect(await settlesOn(url, digests[target])).toBe(digests[target]);
    }
    const edited = await editInPlace(join(parent, 'b'), 'edited-b');
    expect(await settlesOn(url, edited)).toBe(edited);
  });

  it('follows a ConfigMap volume: files linked through ..data, ..data swapped', async () => {
    const rules = join(await freshParent(), 'rules');
    await mkdir(rules);
    const version = async (name: string) => {
      const digest = await rulesAt(join(rules, name), name);
      await symlink(name, join(rules, '..data_tmp'));
      await rename(join(rules, '..data_tmp'), join(rules, '..data'));
      return digest;
    };
    const first = await version('..2026_12_01');
    for (const file of await readdir(join(rules, '..2026_12_01')))
      await symlink(join('..data', file), join(rules, file));
    const { url, digest } = await serveWatching(rules);
    expect(await digest()).toBe(first);
    let previous = '..2026_12_01';
    for (const name of ['..2026_12_02', '..2026_12_03']) {
      const next = await version(name);
      await rm(join(rules, previous), { recursive: true }); // as the kubelet does
      previous = name;
      expect(await settlesOn(url, next)).toBe(next);
    }
  });
});
