/**
 * The HTML report in a real browser: Debian's chromium, driven by playwright-core. Without it
 * this test fails rather than skips, so a green run always means the page was really opened:
 * `npm test` installs it first with scripts/ensure-chromium.sh.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';
import {
  EVIL_ACCOUNT,
  EVIL_SERVICE,
  writeKnownRecords,
  type KnownRecords,
} from './fixtures/report/known-records.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let known: KnownRecords;
let profile: string;
let context: BrowserContext;
let reportUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run \`bash scripts/ensure-chromium.sh\` as root (npm test does); the HTML report is checked in a real browser`,
    );
  known = await writeKnownRecords();
  const result = await runCli(
    ['report', 'records.ndjson', '--format', 'html', '--out', 'report.html'],
    { cwd: known.dir },
  );
  expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
  reportUrl = pathToFileURL(join(known.dir, 'report.html')).href;
  // A fresh profile: nothing cached or configured from an earlier run can hide a problem.
  profile = await mkdtemp(join(tmpdir(), 'account-policy-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: 1200, height: 900 },
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** Opens the report, recording every console message, page error and request on the way. */
async function open(): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => problems.push(`console ${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(reportUrl, { waitUntil: 'load' });
  return { page, problems, requests };
}

/** Background colours darker than mid-grey, on any element (transparent ones ignored). */
const DARK_BACKGROUNDS = `[...document.querySelectorAll('*')]
  .map((element) => getComputedStyle(element).backgroundColor)
  .filter((colour) => {
    const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\\d.]+/g) ?? []).map(Number);
    return a > 0 && 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  })`;

describe('the HTML report in Chromium', () => {
  it('loads with no console message, no script and no request but the file itself', async () => {
    const { page, problems, requests } = await open();
    expect(problems).toEqual([]);
    expect(requests).toEqual([reportUrl]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.title()).toBe('账号策略决策报告');
    await page.close();
  });

  it('shows the summary numbers, the outcome table and a Chinese reason', async () => {
    const { page } = await open();
    expect(await page.locator('#card-accounts .value').innerText()).toBe('8');
    expect(await page.locator('#card-errors .value').innerText()).toBe('1');
    expect(await page.locator('#card-rule-sets .value').innerText()).toBe('1');
    const outcomes = page
      .locator('section', { has: page.locator('#chart-outcomes') })
      .locator('tbody tr');
    expect(await outcomes.allInnerTexts()).toEqual([
      // decided, pass, fail, not applicable, blocked, fail rate
      '注销账号 cancel\t8\t2\t6\t0\t6\t75.0%',
      '解绑服务 unbind\t1\t1\t0\t0\t0\t0.0%',
      '撤回注销 withdraw\t8\t1\t7\t6\t1\t87.5%',
      '手机号注册新账号 phone-reuse\t8\t1\t7\t0\t7\t87.5%',
    ]);
    await expect(
      page.getByText('零钱余额 ¥12.50 尚未清空，请先提现或用完。').first().isVisible(),
    ).resolves.toBe(true);
    expect(await page.locator('#accounts-note').innerText()).toBe('共 8 个账号，全部列出。');
    await page.close();
  });

  it('draws both SVG charts: a bar per failing rule, pass / not applicable / blocked per policy', async () => {
    const { page } = await open();
    expect(await page.locator('svg').count()).toBe(2);
    expect(await page.locator('#chart-failing-rules rect').count()).toBe(9);
    // legend (pass, not applicable, blocked) + three segments a policy
    expect(await page.locator('#chart-outcomes rect').count()).toBe(3 + 3 * 4);
    const withdraw = page.locator('#chart-outcomes rect').nth(3 + 3 * 2 + 1);
    expect(Number(await withdraw.getAttribute('width'))).toBe(300); // 6 of 8 decisions, of 400
    const box = await page.locator('#chart-failing-rules').boundingBox();
    expect(box?.width).toBeGreaterThan(500);
    expect(await page.locator('#chart-failing-rules text.id').first().textContent()).toBe(
      'phone-reuse.account-cancelled',
    );
    await page.close();
  });

  it('shows hostile values as text, never as markup', async () => {
    const { page } = await open();
    await expect(page.getByText(EVIL_ACCOUNT, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(EVIL_SERVICE).first().isVisible()).resolves.toBe(true);
    expect(await page.locator('b').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    await page.close();
  });

  it('has no dark background on screen or in print', async () => {
    const { page } = await open();
    expect(await page.evaluate(DARK_BACKGROUNDS)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(DARK_BACKGROUNDS)).toEqual([]);
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector('.accounts-section')).breakBefore`,
      ),
    ).toBe('page');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('renders to a screenshot (kept in a temp file for a human to look at)', async () => {
    const { page } = await open();
    const file = join(await mkdtemp(join(tmpdir(), 'account-policy-screenshot-')), 'report.png');
    await page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(50_000);
    expect((await readFile(file)).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });
});
