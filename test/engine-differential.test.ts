import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy, type Policy } from '../src/index.js';
import { cases } from './arbitraries.js';
import { repoRoot } from './helpers.js';

/** Evaluates with both engines; they must agree on everything, the trace included when asked. */
async function bothEngines(
  policy: Policy,
  snapshot: unknown,
  options: { now?: string; unbind?: string | undefined; explain?: boolean },
) {
  const compiled = await policy.evaluate(snapshot, { ...options, engine: 'compiled' });
  const reference = await policy.evaluate(snapshot, { ...options, engine: 'reference' });
  return { compiled, reference };
}

describe('the compiled engine decides exactly as json-rules-engine (the reference)', () => {
  it('on every snapshot of the corpus and the examples, with full traces', async () => {
    const policy = await loadPolicy();
    const lines = (await readFile(join(repoRoot, 'examples/corpus.ndjson'), 'utf8'))
      .trimEnd()
      .split('\n');
    for (const [index, line] of lines.entries()) {
      const snapshot = JSON.parse(line) as { pay: { bankCards: Array<{ id: string }> } };
      const { compiled, reference } = await bothEngines(policy, snapshot, {
        explain: true,
        unbind: snapshot.pay.bankCards[0]?.id,
      });
      if (JSON.stringify(compiled) !== JSON.stringify(reference))
        expect(compiled, `corpus line ${index + 1}`).toEqual(reference);
    }
  });

  it('on 100,000 generated snapshots and times around every lifecycle boundary', async () => {
    const policy = await loadPolicy();
    let compared = 0;
    for (const { snapshot, now, unbind } of fc.sample(cases, {
      seed: 20261124,
      numRuns: 100_000,
    })) {
      const { compiled, reference } = await bothEngines(policy, snapshot, { now, unbind });
      if (JSON.stringify(compiled) !== JSON.stringify(reference))
        expect({ snapshot, now, unbind, compiled }).toEqual({
          snapshot,
          now,
          unbind,
          compiled: reference,
        });
      compared++;
    }
    expect(compared).toBe(100_000);
  }, 120_000);

  it('with identical traces on 5,000 generated snapshots', async () => {
    const policy = await loadPolicy();
    for (const { snapshot, now, unbind } of fc.sample(cases, { seed: 7, numRuns: 5_000 })) {
      const { compiled, reference } = await bothEngines(policy, snapshot, {
        now,
        unbind,
        explain: true,
      });
      if (JSON.stringify(compiled) !== JSON.stringify(reference))
        expect(compiled).toEqual(reference);
    }
  });
});

describe('concurrent evaluations equal sequential ones', () => {
  it.each(['compiled', 'reference'] as const)('with the %s engine', async (engine) => {
    const policy = await loadPolicy();
    const sample = fc.sample(cases, { seed: 42, numRuns: 2_000 });
    const sequential = [];
    for (const { snapshot, now, unbind } of sample)
      sequential.push(await policy.evaluate(snapshot, { now, unbind, engine }));
    const concurrent = await Promise.all(
      sample.map(({ snapshot, now, unbind }) => policy.evaluate(snapshot, { now, unbind, engine })),
    );
    expect(concurrent).toEqual(sequential);
  });
});
