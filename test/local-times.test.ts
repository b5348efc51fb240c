/**
 * Times in messages and in the text output are local times in the rule set's `timeZone`
 * (rules/parameters.yaml), written as people write them, whatever the machine's TZ; the JSON
 * output's machine fields stay RFC 3339 in UTC.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, type EvaluationResult, type Lang } from '../src/index.js';
import { copyRuleSet, runCli, snapshot } from './helpers.js';

/** 06:00 on 12 November in Beijing; 22:00 on 11 November in London (GMT in November). */
const REQUEST = snapshot({
  cancellation: { requestedAt: '2026-11-11T22:00:00Z', firstLoginAt: null },
});
const NOW = '2026-11-24T00:00:00Z';

function requestedMessage(result: EvaluationResult): string | undefined {
  return result.policies.cancel.reasons.find((r) => r.rule === 'cancel.not-in-progress')?.message;
}

async function messageIn(lang: Lang, rules?: string): Promise<string | undefined> {
  const policy = await loadPolicy(rules === undefined ? {} : { rules });
  return requestedMessage(await policy.evaluate(REQUEST, { now: NOW, lang }));
}

function withTimeZone(zone: string): Promise<string> {
  return copyRuleSet({
    edits: [
      { file: 'parameters.yaml', find: 'timeZone: Asia/Shanghai', replace: `timeZone: ${zone}` },
    ],
  });
}

describe('local times', () => {
  it('shows the cancellation request in Beijing time by default, in both languages', async () => {
    expect(await messageIn('zh-CN')).toBe(
      '该账号已于2026年11月12日 06:00（北京时间）申请注销，注销正在冷静期中或已经完成，无需再次申请。',
    );
    expect(await messageIn('en')).toBe(
      'Cancellation was already requested at 12 Nov 2026, 06:00 (UTC+08:00) and is in its cooling-off period or already complete; there is no need to request it again.',
    );
  });

  it('shows London time, by its offset, for timeZone: Europe/London', async () => {
    const rules = await withTimeZone('Europe/London');
    expect(await messageIn('zh-CN', rules)).toBe(
      '该账号已于2026年11月11日 22:00（UTC+00:00）申请注销，注销正在冷静期中或已经完成，无需再次申请。',
    );
    expect(await messageIn('en', rules)).toContain(
      'requested at 11 Nov 2026, 22:00 (UTC+00:00) and',
    );
    const policy = await loadPolicy({ rules });
    const summer = snapshot({
      capturedAt: '2026-07-05T00:00:00Z',
      cancellation: { requestedAt: '2026-07-01T08:30:00Z', firstLoginAt: null },
    });
    const result = await policy.evaluate(summer, { now: '2026-07-05T00:00:00Z', lang: 'en' });
    expect(requestedMessage(result)).toContain('requested at 1 Jul 2026, 09:30 (UTC+01:00) and');
  });

  it('refuses a time zone that is not an IANA name, with file and line:col', async () => {
    const rules = await withTimeZone('Asia/Beijing');
    const file = join(rules, 'parameters.yaml');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes('timeZone: Asia/Beijing')) + 1;
    const col = lines[line - 1]!.indexOf('Asia/Beijing') + 1;
    await expect(loadPolicy({ rules })).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'bad-parameter', file, line, col })],
    });
    const cli = await runCli(['check', '--rules', 'rules'], { cwd: dirname(rules) });
    expect(cli.status).toBe(2);
    expect(cli.stderr + cli.stdout).toContain(
      `rules/parameters.yaml:${line}:${col}: bad-parameter: timeZone "Asia/Beijing" is not an IANA time zone`,
    );
  });

  it('gives the same output under any TZ of the machine; JSON machine fields stay RFC 3339', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-times-'));
    const input = join(dir, 'request.json');
    await writeFile(input, JSON.stringify(REQUEST));
    const run = (tz: string, args: string[] = []) =>
      runCli(['evaluate', input, '--now', NOW, ...args], { env: { TZ: tz } });
    const [utc, newYork] = await Promise.all([run('UTC'), run('America/New_York')]);
    expect(newYork.stdout).toBe(utc.stdout);
    expect(newYork.stdout).toContain('评估时间 2026年11月24日 08:00（北京时间）');
    expect(newYork.stdout).toContain('该账号已于2026年11月12日 06:00（北京时间）申请注销');
    const [utcEn, newYorkEn] = await Promise.all([
      run('UTC', ['--lang', 'en']),
      run('America/New_York', ['--lang', 'en']),
    ]);
    expect(newYorkEn.stdout).toBe(utcEn.stdout);
    expect(newYorkEn.stdout).toContain('requested at 12 Nov 2026, 06:00 (UTC+08:00) and');
    const json = await run('America/New_York', ['--format', 'json']);
    const result = JSON.parse(json.stdout) as EvaluationResult;
    expect(result.evaluatedAt).toBe('2026-11-24T00:00:00.000Z');
    expect(result.lifecycle).toMatchObject({ coolingOffEndsAt: '2026-11-26T22:00:00.000Z' });
    expect(requestedMessage(result)).toContain('2026年11月12日 06:00（北京时间）');
  });

  it("shows the report's own times (evaluated at, between) in the rule set's zone; JSON keeps RFC 3339", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'account-policy-times-'));
    const input = join(dir, 'request.json');
    await writeFile(input, JSON.stringify(REQUEST));
    const report = (format: string, ...args: string[]) =>
      runCli(['report', input, '--now', NOW, '--format', format, ...args], {
        env: { TZ: 'America/New_York' },
      });
    const md = await report('md');
    expect(md.stdout).toContain('- **快照评估时间：** 2026年11月24日 08:00（北京时间）\n');
    expect(md.stdout).toContain(
      '| 2026年11月24日 08:00（北京时间） – 2026年11月24日 08:00（北京时间） |',
    );
    const london = await withTimeZone('Europe/London');
    const html = await report('html', '--lang', 'en', '--rules', london);
    expect(html.stdout).toContain(
      '<time datetime="2026-11-24T00:00:00Z" title="2026-11-24T00:00:00Z">24 Nov 2026, 00:00 (UTC+00:00)</time>',
    );
    expect(html.stdout).toContain(
      '<div class="where"><time datetime="2026-11-24T00:00:00.000Z" title="2026-11-24T00:00:00.000Z">24 Nov 2026, 00:00 (UTC+00:00)</time></div>',
    );
    const json = JSON.parse((await report('json', '--rules', london)).stdout);
    expect(json.ruleSet.timeZone).toBe('Europe/London');
    expect(json.summary.evaluatedAt).toEqual({
      earliest: '2026-11-24T00:00:00.000Z',
      latest: '2026-11-24T00:00:00.000Z',
    });
  });
});
