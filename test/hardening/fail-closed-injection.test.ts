/**
 * Fail closed when something breaks mid-evaluation: the derived facts are replaced (vi.mock) by
 * ones that throw when read, lack a fact, or carry a value of the wrong type. The library must
 * reject (or the rule fail) — never pass — and the CLI must exit 1 with nothing on stdout.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InvalidInputError, loadPolicy, type Policy } from '../../src/index.js';
import { runCli } from '../../src/cli/index.js';
import type { FactInputs } from '../../src/facts/derive-facts.js';
import type { Facts } from '../../src/generated/facts.js';
import { snapshot } from '../helpers.js';

type Sabotage =
  'none' | 'throwing-getter' | 'throwing-fact' | 'missing-fact' | 'null-release' | 'string-now';
const control = vi.hoisted(() => ({ sabotage: 'none' as Sabotage, reads: 0 }));

vi.mock('../../src/facts/derive-facts.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/facts/derive-facts.js')>();
  return {
    ...original,
    deriveFacts(inputs: FactInputs): Facts {
      const facts = original.deriveFacts(inputs);
      switch (control.sabotage) {
        case 'throwing-getter':
          Object.defineProperty(facts.pay, 'balanceFen', {
            enumerable: true,
            get() {
              control.reads++;
              throw new Error('injected: the balance service is down');
            },
          });
          break;
        case 'throwing-fact':
          Object.defineProperty(facts, 'lifecycle', {
            enumerable: true,
            get() {
              control.reads++;
              throw new Error('injected: lifecycle unavailable');
            },
          });
          break;
        case 'missing-fact':
          delete (facts as Partial<Facts>).clock;
          break;
        case 'null-release':
          // A cancelled account whose release instant went missing: now ≥ null must not hold.
          Object.assign(facts.lifecycle, {
            state: 'cancelled',
            data: 'deleted',
            phoneReleasedAtMs: null,
          });
          break;
        case 'string-now':
          (facts.clock as { nowMs: unknown }).nowMs = String(facts.clock.nowMs + 1e12);
          Object.assign(facts.lifecycle, {
            state: 'cancelled',
            data: 'deleted',
            phoneReleasedAtMs: 0,
          });
          break;
        case 'none':
          break;
      }
      return facts;
    },
  };
});

const NOW = '2026-11-24T00:00:00Z';
let policy: Policy;
let file: string;
let ndjson: string;
beforeAll(async () => {
  policy = await loadPolicy();
  const dir = await mkdtemp(join(tmpdir(), 'account-policy-sabotage-'));
  file = join(dir, 'eligible.json');
  await writeFile(file, JSON.stringify(snapshot()));
  ndjson = join(dir, 'many.ndjson');
  await writeFile(
    ndjson,
    `${Array.from({ length: 5 }, () => JSON.stringify(snapshot())).join('\n')}\n`,
  );
});
afterEach(() => {
  control.sabotage = 'none';
  control.reads = 0;
});

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { NO_COLOR: '1' },
  });
  return { status, stdout, stderr };
}

describe('an evaluation that breaks midway is an error, never a pass', () => {
  it('sanity: unsabotaged, the account passes cancel and phone-reuse fails', async () => {
    const result = await policy.evaluate(snapshot(), { now: NOW });
    expect(result.policies.cancel.outcome).toBe('pass');
    expect((await cli(['evaluate', file, '--now', NOW])).status).toBe(0);
  });

  const ENGINES = ['compiled', 'reference'] as const;
  const SABOTAGE_BY_ENGINE = (
    ['throwing-getter', 'throwing-fact', 'missing-fact'] as const
  ).flatMap((sabotage) => ENGINES.map((engine) => [sabotage, engine] as const));

  it.each(SABOTAGE_BY_ENGINE)(
    '%s (%s engine): the library rejects with an internal error (not InvalidInputError)',
    async (sabotage, engine) => {
      control.sabotage = sabotage;
      const outcome = await policy.evaluate(snapshot(), { now: NOW, engine }).then(
        (result) => ({ resolved: result }),
        (error: unknown) => ({ rejected: error }),
      );
      expect(outcome).toHaveProperty('rejected');
      expect((outcome as { rejected: unknown }).rejected).not.toBeInstanceOf(InvalidInputError);
      if (sabotage !== 'missing-fact') expect(control.reads).toBeGreaterThan(0);
    },
  );

  it.each<Sabotage>(['throwing-getter', 'throwing-fact', 'missing-fact'])(
    '%s: evaluate --explain, record and the CLI fail too (exit 1, nothing on stdout)',
    async (sabotage) => {
      control.sabotage = sabotage;
      await expect(policy.evaluate(snapshot(), { now: NOW, explain: true })).rejects.toThrow();
      await expect(
        policy.evaluate(snapshot(), { now: NOW, explain: true, engine: 'reference' }),
      ).rejects.toThrow();
      await expect(policy.record(snapshot(), { now: NOW })).rejects.toThrow();
      for (const args of [
        ['evaluate', file, '--now', NOW, '--format', 'json'],
        ['evaluate', file, '--now', NOW],
        ['batch', ndjson, '--now', NOW, '--workers', '0'],
      ]) {
        const run = await cli(args);
        expect(run.status, args.join(' ')).toBe(1);
        expect(run.stdout, args.join(' ')).toBe('');
        expect(run.stderr).toContain('internal error');
      }
    },
  );

  it.each(ENGINES)(
    'a cancelled account whose release instant is missing: phone-reuse fails (now ≥ null is false; %s engine)',
    async (engine) => {
      control.sabotage = 'null-release';
      const result = await policy.evaluate(snapshot(), { now: NOW, engine });
      expect(result.policies['phone-reuse'].outcome).toBe('fail');
      expect(result.policies['phone-reuse'].reasons.map((r) => r.rule)).toContain(
        'phone-reuse.release-period-elapsed',
      );
    },
  );

  it.each(ENGINES)(
    'a time that arrives as a string is not compared as a number ("1e12" ≥ 0 is not true; %s engine)',
    async (engine) => {
      control.sabotage = 'string-now';
      const result = await policy.evaluate(snapshot(), { now: NOW, engine });
      expect(result.policies['phone-reuse'].reasons.map((r) => r.rule)).toContain(
        'phone-reuse.release-period-elapsed',
      );
    },
  );
});
