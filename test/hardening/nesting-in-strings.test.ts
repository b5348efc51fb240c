/**
 * Issue 13 item 1: brackets inside strings are not nesting, in JSON and in YAML (one
 * string-aware, iterative scanner each), while nesting hidden behind strings is still counted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, loadPolicy, type Policy } from '../../src/index.js';

const NOW = '2026-11-24T00:00:00Z';
const BRACKETS = '['.repeat(70) + '{'.repeat(70);

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

const snapshot = (accountId: string) => ({
  accountId,
  phone: null,
  pay: { enabled: false, balanceFen: 0, pendingTransactions: 0, pendingRefunds: 0, bankCards: [] },
  authorizations: [],
  cancellation: null,
});

async function code(text: string, format: 'json' | 'yaml'): Promise<string | undefined> {
  try {
    await policy.evaluateText(text, { format, now: NOW });
    return undefined;
  } catch (error) {
    if (error instanceof InvalidInputError) return error.diagnostics[0]!.code;
    throw error;
  }
}

describe('nesting and strings', () => {
  it('a string of 140 brackets is a string: JSON, YAML quoted and YAML flow', async () => {
    expect(await code(JSON.stringify(snapshot(BRACKETS)), 'json')).toBeUndefined();
    const yaml = `accountId: "${BRACKETS}"\nphone: null\npay: {enabled: false, balanceFen: 0, pendingTransactions: 0, pendingRefunds: 0, bankCards: []}\nauthorizations: []\ncancellation: null\n`;
    expect(await code(yaml, 'yaml')).toBeUndefined();
    const flow = yaml.replace(`accountId: "${BRACKETS}"`, `accountId: x\nextra: ["${BRACKETS}"]`);
    expect(await code(flow, 'yaml')).toBeUndefined();
  });

  it('arrays nested behind strings that hold closing brackets are still counted, and refused', async () => {
    const hidden = `${'["]",'.repeat(5000)}1${']'.repeat(5000)}`;
    const text = JSON.stringify(snapshot('x')).replace(
      '"cancellation":null',
      `"cancellation":null,"extra":${hidden}`,
    );
    expect(await code(text, 'json')).toBe('unsupported-yaml');
    const yaml = `accountId: x\nextra: ${hidden}\n`;
    expect(await code(yaml, 'yaml')).toBe('unsupported-yaml');
  });
});
