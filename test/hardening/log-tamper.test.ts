/**
 * docs/decision-log.md's threat model, tried as an attacker would: every rewrite that parses to
 * the same entry is `altered` at its line; lines past the head are `uncommitted`; a rewritten
 * history fails against an anchor; a head rewritten without the key fails --public-key; reruns
 * of a batch log each decision once; no line length crashes verify-log.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendToLog } from '../../src/audit/log/append-to-log.js';
import { entryHash } from '../../src/audit/log/log-entry.js';
import { verifyLog } from '../../src/audit/log/verify-log.js';
import { canonicalJson } from '../../src/digest.js';
import { loadPolicy, type DecisionRecord } from '../../src/index.js';
import { repoRoot, runCli } from '../helpers.js';

let records: DecisionRecord[];
let dir: string;
let privateKey: string;
let publicKey: string;

beforeAll(async () => {
  const policy = await loadPolicy();
  const names = ['eligible.json', 'blocked.yaml', 'cooling-off.yaml'];
  records = await Promise.all(
    names.map(async (name) =>
      policy.recordText(await readFile(join(repoRoot, 'examples', name), 'utf8'), { file: name }),
    ),
  );
  dir = await mkdtemp(join(tmpdir(), 'account-policy-tamper-'));
  privateKey = join(dir, 'log-key.pem');
  publicKey = join(dir, 'log-key.pub.pem');
  execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', privateKey]);
  execFileSync('openssl', ['pkey', '-in', privateKey, '-pubout', '-out', publicKey]);
});

let counter = 0;
async function logOfThree(): Promise<{ file: string; lines: string[] }> {
  const file = join(dir, `log-${++counter}.ndjson`);
  await appendToLog(file, records);
  const text = await readFile(file, 'utf8');
  return { file, lines: text.slice(0, -1).split('\n') };
}

/** Rewrites of line 2 that keep its parsed value (or, for the duplicate key, what a last-wins parser sees). */
const REWRITES: ReadonlyArray<[string, (line: string) => string]> = [
  ['extra white space', (line) => line.replace('"seq":2,', '"seq": 2,')],
  [
    'keys in another order',
    (line) => line.replace(/^\{"seq":2,("prev":"[0-9a-f]{64}"),/, '{$1,"seq":2,'),
  ],
  ['\\u0077 for w', (line) => line.replace('"wxid_', '"\\u0077xid_')],
  ['1.0e0 for 1', (line) => line.replace(/"seq":2,/, '"seq":2.0e0,')],
  ['a CRLF line end', (line) => `${line}\r`],
  [
    'a duplicate key before the real one',
    (line) => line.replace('"outcome":"fail"', '"outcome":"pass","outcome":"fail"'),
  ],
];

describe("a line verifies only if its bytes are the writer's", () => {
  it.each(REWRITES)('%s: altered at line 2', async (_, rewrite) => {
    const { file, lines } = await logOfThree();
    const rewritten = rewrite(lines[1]!);
    expect(rewritten).not.toBe(lines[1]);
    await writeFile(file, `${[lines[0], rewritten, lines[2]].join('\n')}\n`);
    const verification = await verifyLog(file);
    expect(verification).toMatchObject({
      ok: false,
      entries: 1,
      problem: { line: 2, kind: 'altered' },
    });
    expect(verification.problem?.message).toBe(
      'entry seq 2 is not byte for byte what the writer wrote (it parses to a matching entry, but its spacing, key order, escapes, number forms, repeated keys or line end were rewritten)',
    );
  });

  it('an invalid UTF-8 byte (which a lenient reader shows as U+FFFD): altered at line 2', async () => {
    const { file, lines } = await logOfThree();
    const bytes = Buffer.from(lines[1]!.replace('wxid_', 'wxid\u00e9'));
    bytes[bytes.indexOf(0xc3)] = 0xff;
    await writeFile(
      file,
      Buffer.concat([Buffer.from(`${lines[0]}\n`), bytes, Buffer.from(`\n${lines[2]}\n`)]),
    );
    expect(await verifyLog(file)).toMatchObject({
      ok: false,
      entries: 1,
      problem: {
        line: 2,
        kind: 'altered',
        message: 'the line is not valid UTF-8: its bytes were changed',
      },
    });
  });

  it('a line longer than any entry (here 20 MiB of one byte): malformed at its line, in flat memory, and --format json still prints', async () => {
    const { file, lines } = await logOfThree();
    await writeFile(
      file,
      `${lines[0]}\n${'x'.repeat(20 * 1024 * 1024)}\n${lines[1]}\n${lines[2]}\n`,
    );
    const result = await runCli(['verify-log', file, '--format', 'json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      entries: 1,
      problem: {
        line: 2,
        kind: 'malformed',
        message:
          'not a log entry: the line is 20971520 bytes long, more than the 16777216 a writer writes',
      },
    });
  });
});

describe('found by the red team', () => {
  it('a record nested 100,000 deep (hash and head made to match): malformed at its line, exit 1, and writers refuse to extend it (broken-log)', async () => {
    const file = join(dir, `deep-${++counter}.ndjson`);
    const depth = 100_000;
    const record = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const prev = '0'.repeat(64);
    const hash = createHash('sha256')
      .update(`${prev}\n{"prev":"${prev}","record":${record},"seq":1}`)
      .digest('hex');
    await writeFile(file, `{"seq":1,"prev":"${prev}","record":${record},"hash":"${hash}"}\n`);
    await writeFile(`${file}.head`, `{"seq":1,"hash":"${hash}"}\n`);
    const verified = await runCli(['verify-log', file]);
    expect(verified).toMatchObject({ status: 1, stderr: '' });
    expect(verified.stdout).toContain(
      `${file}:1: malformed: not a log entry: arrays and objects nest deeper than 128 levels`,
    );
    expect(await runCli(['log-head', file])).toMatchObject({ status: 1 });
    const appended = await runCli([
      'evaluate',
      join(repoRoot, 'examples/eligible.json'),
      '--log',
      file,
    ]);
    expect(appended.status).toBe(1);
    expect(appended.stderr).toContain(
      `${file}.head says the log reaches seq 1, but no such entry is in it`,
    );
  });

  it("a copy of the head's own entry appended past the head is moved aside, not adopted", async () => {
    const { file, lines } = await logOfThree();
    await appendFile(file, `${lines[2]}\n`);
    expect(await verifyLog(file)).toMatchObject({
      ok: false,
      problem: { kind: 'uncommitted', line: 4 },
    });
    const evaluated = await runCli([
      'evaluate',
      join(repoRoot, 'examples/eligible.json'),
      '--log',
      file,
    ]);
    expect(evaluated.status).toBe(0);
    expect(evaluated.stderr).toContain('moved 1 uncommitted line');
    expect(await readFile(`${file}.uncommitted`, 'utf8')).toBe(`${lines[2]}\n`);
    expect(await verifyLog(file)).toMatchObject({ ok: true, entries: 4 });
  });

  it('a signature spelled another way (no padding, URL-safe, changed trailing bits) makes the head malformed', async () => {
    const file = join(dir, `spelling-${++counter}.ndjson`);
    expect(
      (
        await runCli([
          'evaluate',
          join(repoRoot, 'examples/eligible.json'),
          '--log',
          file,
          '--log-key',
          privateKey,
        ])
      ).status,
    ).toBe(0);
    const head = await readFile(`${file}.head`, 'utf8');
    const signature = (JSON.parse(head) as { signature: string }).signature;
    // The last character carries 2 bits and 4 zero bits: 'B' sets one of those (same 64 bytes decoded).
    const respellings = [
      signature.replace(/==$/, ''),
      signature.replace(/\+/g, '-').replace(/\//g, '_'),
      `${signature.slice(0, -3)}B==`,
      ` ${signature}`,
    ];
    for (const spelled of respellings.filter((text) => text !== signature)) {
      await writeFile(`${file}.head`, head.replace(signature, spelled));
      expect(await verifyLog(file)).toMatchObject({
        ok: false,
        problem: { file: `${file}.head`, kind: 'malformed' },
      });
    }
  });
});

describe('the head is the commitment', () => {
  it('entries appended past the head: verify-log exits 1 (uncommitted); the next writer moves them aside and never adopts them', async () => {
    const { file, lines } = await logOfThree();
    const forged = JSON.parse(lines[2]!) as {
      seq: number;
      prev: string;
      record: DecisionRecord;
      hash: string;
    };
    const record = { ...forged.record, accountId: 'wxid_forged' };
    const hash = entryHash(4, forged.hash, canonicalJson(record));
    const line = `{"seq":4,"prev":"${forged.hash}","record":${canonicalJson(record)},"hash":"${hash}"}\n`;
    await appendFile(file, line);
    const cli = await runCli(['verify-log', file]);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(
      `${file}:4: uncommitted: 1 line (${Buffer.byteLength(line)} bytes) from line 4 follows the head (seq 3) and is not committed`,
    );

    const evaluated = await runCli([
      'evaluate',
      join(repoRoot, 'examples/eligible.json'),
      '--log',
      file,
      '--format',
      'json',
    ]);
    expect(evaluated.status).toBe(0);
    expect(evaluated.stderr).toContain(
      `warning: log-uncommitted-moved: moved 1 uncommitted line (${Buffer.byteLength(line)} bytes) past the head (seq 3) to ${file}.uncommitted`,
    );
    expect(await readFile(`${file}.uncommitted`, 'utf8')).toBe(line);
    const after = await readFile(file, 'utf8');
    expect(after).not.toContain('wxid_forged');
    expect(await verifyLog(file)).toMatchObject({ ok: true, entries: 4 });
  });
});

describe('anchors and signed heads', () => {
  it('log-head prints the committed head; --anchor passes on the same history and fails on one recomputed from scratch', async () => {
    const { file } = await logOfThree();
    const head = await runCli(['log-head', file]);
    expect(head.status).toBe(0);
    expect(head.stdout).toBe(await readFile(`${file}.head`, 'utf8'));
    const anchor = join(dir, `anchor-${counter}.json`);
    await writeFile(anchor, head.stdout);
    await appendToLog(file, records.slice(0, 1));
    expect((await runCli(['verify-log', file, '--anchor', anchor])).status).toBe(0);

    // The attacker rewrites entry 2 and recomputes every hash and the head: a valid chain.
    const rewritten = join(dir, `rewritten-${counter}.ndjson`);
    await appendToLog(rewritten, [
      records[0]!,
      { ...records[1]!, accountId: 'wxid_rewritten' } as DecisionRecord,
      records[2]!,
      records[0]!,
    ]);
    await writeFile(file, await readFile(rewritten));
    await writeFile(`${file}.head`, await readFile(`${rewritten}.head`));
    expect((await runCli(['verify-log', file])).status).toBe(0);
    const checked = await runCli(['verify-log', file, '--anchor', anchor]);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toMatch(/:3: altered: entry seq 3 is not the one anchored/);

    await truncate(file, 0);
    await writeFile(
      `${file}.head`,
      '{"seq":0,"hash":"0000000000000000000000000000000000000000000000000000000000000000"}\n',
    );
    expect((await runCli(['verify-log', file, '--anchor', anchor])).stdout).toMatch(
      /truncated: the anchor names seq 3, but the committed chain ends at seq 0/,
    );
  });

  it('--log-key signs each head; --public-key fails a head rewritten without the key, or left unsigned', async () => {
    const file = join(dir, `signed-${++counter}.ndjson`);
    for (const name of ['eligible.json', 'blocked.yaml']) {
      expect(
        (
          await runCli([
            'evaluate',
            join(repoRoot, 'examples', name),
            '--log',
            file,
            '--log-key',
            privateKey,
          ])
        ).status,
      ).toBe(0);
    }
    expect(JSON.parse(await readFile(`${file}.head`, 'utf8'))).toMatchObject({
      seq: 2,
      keyId: expect.stringMatching(/^ed25519:[0-9a-f]{32}$/),
      signature: expect.any(String),
    });
    expect((await runCli(['verify-log', file, '--public-key', publicKey])).status).toBe(0);
    // Without the key, a writer refuses to continue a signed log.
    const unsigned = await runCli([
      'evaluate',
      join(repoRoot, 'examples/eligible.json'),
      '--log',
      file,
    ]);
    expect(unsigned).toMatchObject({ status: 1, stdout: '' });
    expect(unsigned.stderr).toContain('is signed (key ed25519:');

    // The attacker recomputes the head for a cut log but cannot sign it.
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, `${lines[0]}\n`);
    const { hash } = JSON.parse(lines[0]!) as { hash: string };
    await writeFile(`${file}.head`, `{"seq":1,"hash":"${hash}"}\n`);
    const plain = await runCli(['verify-log', file, '--public-key', publicKey]);
    expect(plain.status).toBe(1);
    expect(plain.stdout).toContain('bad-signature: the head is not signed');
  });

  it('a key that is not Ed25519 PEM: exit 2 before anything is written', async () => {
    const file = join(dir, `badkey-${++counter}.ndjson`);
    const result = await runCli([
      'evaluate',
      join(repoRoot, 'examples/eligible.json'),
      '--log',
      file,
      '--log-key',
      publicKey,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('bad-key');
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('batch reruns', () => {
  it('a rerun logs no decision twice: the decision id is the key', async () => {
    const file = join(dir, `rerun-${++counter}.ndjson`);
    const input = join(dir, `input-${counter}.ndjson`);
    await writeFile(
      input,
      (await readFile(join(repoRoot, 'examples/corpus.ndjson'), 'utf8'))
        .split('\n')
        .slice(0, 300)
        .join('\n'),
    );
    const first = await runCli(['batch', input, '--log', file, '--workers', '1']);
    expect(first.status).toBe(0);
    const second = await runCli(['batch', input, '--log', file, '--workers', '1']);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain('300 records were already in');
    expect(await verifyLog(file)).toMatchObject({ ok: true, entries: 300 });
  });
});
