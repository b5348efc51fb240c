/**
 * Snapshot text (account ids, names of services and banks) ends up in terminals, HTML, CSV and
 * JUnit XML. NUL bytes, lone surrogates, bidi marks, markup, formulas and line breaks must come
 * out escaped in each — never as markup, a formula, a forged line or invalid XML.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, loadPolicy, renderReport, type Report } from '../../src/index.js';
import { runCli as runCliInProcess } from '../../src/cli/index.js';
import { renderText } from '../../src/render/text.js';
import { snapshot } from '../helpers.js';
import { EVIL_STRINGS } from './arbitraries.js';

const NOW = '2026-11-24T00:00:00Z';
const FORGED = 'x\n\n✓ 注销账号（cancel）：可以';
const EVIL = [...EVIL_STRINGS, FORGED];

const evilSnapshot = (accountId: string, i: number) =>
  snapshot({
    accountId,
    pay: { enabled: true, bankCards: [{ id: `card-${i}`, bank: accountId }] },
    authorizations: [
      { id: `auth-${i}`, kind: 'app', name: accountId },
      { id: `wecom-${i}`, kind: 'wecom', name: `${accountId}<b>` },
    ],
  });

let dir: string;
let report: Report;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'account-policy-evil-'));
  for (const [i, id] of EVIL.entries())
    await writeFile(
      join(dir, `s${String(i).padStart(2, '0')}.json`),
      JSON.stringify(evilSnapshot(id, i)),
    );
  report = (await buildReport({ inputs: [dir], now: NOW, lang: 'en' })).report;
  expect(report.accounts.entries).toHaveLength(EVIL.length);
});

describe('text output (evaluate)', () => {
  it('shows control characters, bidi marks and lone surrogates as \\u escapes, so no line can be forged', async () => {
    const policy = await loadPolicy();
    for (const [i, id] of EVIL.entries()) {
      const result = await policy.evaluate(evilSnapshot(id, i), { now: NOW, explain: true });
      const text = renderText(result, policy.ruleSet, { lang: 'zh-CN', color: false });
      expect(text).not.toMatch(
        /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      );
      expect(text).not.toMatch(
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
      );
      // Only the renderer's own lines: the cancel verdict appears once, and it is a fail.
      expect(text.split('\n').filter((line) => /^\s*[✓✗] 注销账号（cancel）/.test(line))).toEqual([
        '✗ 注销账号（cancel）：不可以',
      ]);
    }
    const forged = renderText(
      await policy.evaluate(evilSnapshot(FORGED, 0), { now: NOW }),
      policy.ruleSet,
      { lang: 'zh-CN', color: false },
    );
    expect(forged).toContain('账号 x\\u000a\\u000a✓ 注销账号（cancel）：可以 ·');
    const rtl = renderText(
      await policy.evaluate(evilSnapshot('rtl \u202e gnp.exe', 0), { now: NOW }),
      policy.ruleSet,
      { lang: 'en', color: false },
    );
    expect(rtl).toContain('rtl \\u202e gnp.exe');
  });

  it('shows zero-width and other invisible characters as escapes, so two ids never look the same', async () => {
    const policy = await loadPolicy();
    const text = renderText(
      await policy.evaluate(evilSnapshot('wxid_\u200bvip\u200d\ufeff\u00ad\u3164\u{e0041}', 0), {
        now: NOW,
      }),
      policy.ruleSet,
      { lang: 'en', color: false },
    );
    expect(text).toContain('wxid_\\u200bvip\\u200d\\ufeff\\u00ad\\u3164\\u{e0041}');
    expect(text).not.toMatch(/[\u200b-\u200d\ufeff\u00ad\u3164]/u);
  });

  it('the CLI prints the same escapes (a real process, to a pipe)', async () => {
    const io = { out: '', err: '' };
    const status = await runCliInProcess(['evaluate', join(dir, 's00.json'), '--now', NOW], {
      cwd: dir,
      stdin: process.stdin,
      stdout: { write: (t: string) => (io.out += t) },
      stderr: { write: (t: string) => (io.err += t) },
      env: { NO_COLOR: '1' },
    });
    expect(status).toBe(0);
    expect(io.out).toContain('nul\\u0000byte');
    expect(io.out).not.toContain('\u0000');
  });
});

describe('HTML report', () => {
  it('escapes markup and quotes; no input string appears raw', () => {
    const html = renderReport(report, 'html');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain(']]><!--');
    // The page's own scripts only: none from the data.
    expect(html.match(/<script\b/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('CSV report', () => {
  it('round-trips every cell, one row per account × policy, and defuses formulas', () => {
    const csv = renderReport(report, 'csv');
    const rows = parseCsv(csv.replace(/^\uFEFF/, ''), {
      columns: true,
      relax_quotes: false,
    }) as Array<Record<string, string>>;
    const policies = report.accounts.entries.reduce((n, a) => n + a.policies.length, 0);
    expect(rows).toHaveLength(policies);
    const ids = new Set(rows.map((r) => r.accountId));
    for (const id of EVIL) {
      const formula = /^[=+\-@\t\r]/.test(id);
      // The file is UTF-8: a lone surrogate cannot be encoded and is written as U+FFFD.
      const written = id.replace(
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        '\uFFFD',
      );
      expect(ids.has(formula ? `'${written}` : written), JSON.stringify(id)).toBe(true);
    }
    for (const row of rows)
      for (const cell of Object.values(row))
        expect(cell, JSON.stringify(row)).not.toMatch(/^[=+@]/);
  });
});

describe('JUnit report', () => {
  it('is well-formed XML whatever the names hold; characters XML cannot carry become U+FFFD', () => {
    const xml = renderReport(report, 'junit');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toMatch(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    );
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      testsuites: { testsuite: Array<{ '@_name': string; testcase: unknown[] }> };
    };
    const cancel = parsed.testsuites.testsuite.find((s) => s['@_name'] === 'cancel');
    expect(cancel?.testcase).toHaveLength(EVIL.length);
    expect(xml).toContain('nul\uFFFDbyte');
  });
});
