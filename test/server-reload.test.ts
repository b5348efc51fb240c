/**
 * Rules reload without downtime: under 200 concurrent requests, a good rule set is swapped in
 * and a bad one refused; no request fails, every answer names the old or the new digest, and
 * each answer's content is what that digest's rules say (no answer from a half-loaded set).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/server/create-server.js';
import { copyRuleSet, snapshot } from './helpers.js';

const NOW = '2026-11-25T00:00:00Z';
const OLD_REASON = 'The wallet still holds';
const NEW_REASON = 'After reload the wallet still holds';
const account = snapshot({ pay: { balanceFen: 1250 } });

let running: FastifyInstance | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(rules: string, options: { watch?: boolean } = {}) {
  let log = '';
  const server = await createServer({
    rules,
    logStream: { write: (line: string) => (log += line) },
    watch: options.watch,
    watchDebounceMs: 100,
  });
  running = server;
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, url, log: () => log };
}

interface Answer {
  status: number;
  digest: string | null;
  body: {
    rules?: { digest: string };
    policies?: { cancel: { reasons: Array<{ rule: string; message: string }> } };
  };
}

async function evaluate(url: string): Promise<Answer> {
  const response = await fetch(`${url}/v1/evaluate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ snapshot: account, now: NOW, lang: 'en' }),
  });
  return {
    status: response.status,
    digest: response.headers.get('x-rules-digest'),
    body: (await response.json()) as Answer['body'],
  };
}

function balanceReason(answer: Answer): string {
  return (
    answer.body.policies?.cancel.reasons.find((r) => r.rule === 'cancel.balance-zero')?.message ??
    ''
  );
}

async function currentDigest(url: string): Promise<string> {
  return ((await (await fetch(`${url}/readyz`)).json()) as { rules: { digest: string } }).rules
    .digest;
}

async function editRules(dir: string, find: string, replace: string): Promise<void> {
  const file = join(dir, 'cancel.yaml');
  const text = await readFile(file, 'utf8');
  if (!text.includes(find)) throw new Error(`cancel.yaml has no ${find}`);
  await writeFile(file, text.replace(find, replace));
}

describe('reload under load', () => {
  it('swaps a good rule set in atomically: every answer is wholly the old or wholly the new', async () => {
    const rules = await copyRuleSet();
    const { server, url } = await start(rules);
    const oldDigest = await currentDigest(url);

    const first = Array.from({ length: 100 }, () => evaluate(url));
    await Promise.race(first); // some are answered by the old rules for sure; the rest are in flight
    await editRules(rules, OLD_REASON, NEW_REASON);
    const reload = server.reloadRules();
    const second = Array.from({ length: 100 }, () => evaluate(url));
    const outcome = await reload;
    const third = Array.from({ length: 20 }, () => evaluate(url));
    const answers = await Promise.all([...first, ...second, ...third]);

    expect(outcome).toMatchObject({ ok: true, changed: true, previous: oldDigest });
    const newDigest = outcome.digest;
    expect(newDigest).not.toBe(oldDigest);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect([oldDigest, newDigest]).toContain(answer.digest);
      expect(answer.body.rules?.digest).toBe(answer.digest);
      expect(
        balanceReason(answer).startsWith(answer.digest === newDigest ? NEW_REASON : OLD_REASON),
      ).toBe(true);
    }
    expect(answers.some((answer) => answer.digest === oldDigest)).toBe(true);
    // Requests that started after the swap are all decided by the new rules.
    expect((await Promise.all(third)).every((answer) => answer.digest === newDigest)).toBe(true);
    expect(await currentDigest(url)).toBe(newDigest);
  });

  it('refuses a bad rule set, logs its diagnostics, and keeps serving the old one', async () => {
    const rules = await copyRuleSet();
    const { server, url, log } = await start(rules);
    const oldDigest = await currentDigest(url);

    const before = Array.from({ length: 100 }, () => evaluate(url));
    await editRules(
      rules,
      'operator: equal\n      value: 0',
      'operator: roughlyEqual\n      value: 0',
    );
    const reload = server.reloadRules();
    const during = Array.from({ length: 100 }, () => evaluate(url));
    const outcome = await reload;
    const answers = await Promise.all([...before, ...during]);

    expect(outcome.ok).toBe(false);
    expect(outcome.digest).toBe(oldDigest);
    if (!outcome.ok)
      expect(outcome.diagnostics[0]).toMatchObject({
        code: 'unknown-operator',
        file: expect.stringContaining('cancel.yaml'),
      });
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.digest).toBe(oldDigest);
      expect(balanceReason(answer).startsWith(OLD_REASON)).toBe(true);
    }
    const refused = log()
      .trimEnd()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { msg: string; problems?: Array<{ code: string; line?: number }> },
      )
      .find((line) => line.msg.startsWith('rules reload refused'));
    expect(refused?.problems?.[0]).toMatchObject({
      code: 'unknown-operator',
      line: expect.any(Number),
    });
    const ready = (await (await fetch(`${url}/readyz`)).json()) as {
      rules: { digest: string };
      lastReload: { ok: boolean; problems: number };
    };
    expect(ready).toMatchObject({
      rules: { digest: oldDigest },
      lastReload: { ok: false, digest: null },
    });
    expect(ready.lastReload.problems).toBeGreaterThan(0);
  });

  it('with watch, reloads once the files have settled', async () => {
    const rules = await copyRuleSet();
    const { url } = await start(rules, { watch: true });
    const oldDigest = await currentDigest(url);
    await editRules(rules, OLD_REASON, NEW_REASON);
    const deadline = Date.now() + 10_000;
    while ((await currentDigest(url)) === oldDigest && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const answer = await evaluate(url);
    expect(answer.digest).not.toBe(oldDigest);
    expect(balanceReason(answer).startsWith(NEW_REASON)).toBe(true);
  });
});
