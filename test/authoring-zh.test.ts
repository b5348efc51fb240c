/**
 * Rule authoring on a Chinese keyboard (issue 14 item 7): the mistakes such a typist makes most
 * are named as such, once each, at the offending character, with the fix, in either language;
 * the caret lines up under Chinese text; the language follows --lang, else the locale.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_TITLES } from '../src/diagnostic-titles.js';
import { loadPolicy } from '../src/index.js';
import { copyRuleSet, repoRoot, runCli, type RuleEdit } from './helpers.js';

const PAY_SOURCE = '    source: "2.1"\n    description: WeChat Pay must';

async function check(edits: RuleEdit[], ...flags: string[]) {
  const dir = await copyRuleSet({ edits });
  const run = await runCli(['check', '--rules', dir, ...flags]);
  return { dir, ...run, file: join(dir, edits[0]?.file ?? '') };
}

describe('check names the mistakes of a Chinese keyboard', () => {
  it('a full-width colon after a key: one error at the colon, with the fix', async () => {
    const { file, stdout, status } = await check([
      {
        file: 'cancel.yaml',
        find: PAY_SOURCE,
        replace: PAY_SOURCE.replace('source: ', 'source：'),
      },
    ]);
    expect(status).toBe(2);
    expect(stdout).toBe(
      [
        `${file}:18:11: syntax: a full-width colon "：" after the key source: YAML needs an ASCII colon and a space; write "source: "`,
        ' 18 |     source："2.1"',
        '    |           ^',
        `✗ ${file.replace(/\/cancel\.yaml$/, '')}: 1 error, 0 warnings; nothing evaluates with this rule set until they are fixed`,
        '',
      ].join('\n'),
    );
  });

  it('says the same in Chinese with --lang zh-CN, the code followed by what it means', async () => {
    const { file, stdout } = await check(
      [
        {
          file: 'cancel.yaml',
          find: PAY_SOURCE,
          replace: PAY_SOURCE.replace('source: ', 'source：'),
        },
      ],
      '--lang',
      'zh-CN',
    );
    expect(stdout.split('\n')[0]).toBe(
      `${file}:18:11: syntax（语法错误）: 键 source 后面是全角冒号“：”：YAML 要求半角冒号加一个空格，请写成“source: ”`,
    );
    expect(stdout).toContain(': 1 个错误，0 个警告；修正之前，这套规则不能用于任何评估\n');
  });

  it('one tab in the indentation: exactly one error, at the tab (not the cascade YAML gives)', async () => {
    const { file, stdout, status } = await check([
      {
        file: 'cancel.yaml',
        find: PAY_SOURCE,
        replace: PAY_SOURCE.replace('    source', '\tsource'),
      },
    ]);
    expect(status).toBe(2);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      `${file}:18:1: syntax: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces that line up with the lines around it`,
      ' 18 | \tsource: "2.1"',
      '    | ^',
    ]);
    expect(stdout).toContain(': 1 error, 0 warnings;');
  });

  it('a full-width space in the indentation, or after a colon: one error each, named', async () => {
    const indented = await check([
      {
        file: 'cancel.yaml',
        find: PAY_SOURCE,
        replace: PAY_SOURCE.replace('    source', '\u3000\u3000source'),
      },
    ]);
    expect(indented.stdout.split('\n')[0]).toBe(
      `${indented.file}:18:1: syntax: a full-width space (U+3000) in the indentation: YAML indents with ASCII spaces only; replace each full-width space with two ASCII spaces`,
    );
    expect(indented.stdout).toContain(': 1 error, 0 warnings;');
    const afterColon = await check(
      [
        {
          file: 'cancel.yaml',
          find: PAY_SOURCE,
          replace: PAY_SOURCE.replace('source: ', 'source:\u3000'),
        },
      ],
      '--lang',
      'zh-CN',
    );
    expect(afterColon.stdout.split('\n')[0]).toBe(
      `${afterColon.file}:18:12: syntax（语法错误）: “source:”后面是全角空格（U+3000）：YAML 要求冒号后面是半角空格`,
    );
  });

  it('full-width quotes around a value: the schema error says so, with the ASCII form', async () => {
    const { file, stdout } = await check([
      { file: 'cancel.yaml', find: PAY_SOURCE, replace: PAY_SOURCE.replace('"2.1"', '“2.1”') },
    ]);
    expect(stdout.split('\n')[0]).toBe(
      `${file}:18:13: schema: /rules/0/source: must match ^(summary|[1-9][0-9]*(\\.[1-9][0-9]*)?)$, got "“2.1”" (the value is between full-width quotes “”, which YAML keeps as part of the text; use ASCII quotes: "2.1")`,
    );
  });

  it('puts the caret under the placeholder, counting a Chinese character as two columns', async () => {
    const { stdout } = await check([
      {
        file: 'cancel.yaml',
        find: '请先关闭微信支付。',
        replace: '请先关闭{pay.enabld}微信支付。',
      },
    ]);
    const [, shown = '', caret = ''] = stdout.split('\n');
    const line = shown.slice(shown.indexOf('| ') + 2);
    const pad = caret.slice(caret.indexOf('| ') + 2, caret.indexOf('^'));
    // the terminal columns before the placeholder are the caret's
    expect(pad).toBe(' '.repeat(stringWidth(line.slice(0, line.indexOf('{pay.enabld}')))));
    expect(pad.length).toBeGreaterThan(line.indexOf('{pay.enabld}'));
    expect(stdout).toContain(
      ':26:30: unknown-placeholder: /rules/0/reason/zh-CN: placeholder {pay.enabld}',
    );
  });

  it('a misspelt parameter: one error listing the fixed names, with the closest', async () => {
    const edits = [
      { file: 'parameters.yaml', find: 'coolingOffDays: 15', replace: 'coolingOfDays: 15' },
    ];
    const en = await check(edits);
    expect(en.status).toBe(2);
    expect(en.stdout.split('\n')[0]).toBe(
      `${en.file}:8:3: bad-parameter: /parameters/coolingOfDays: there is no parameter coolingOfDays: parameters are fixed: coolingOffDays, phoneReleaseDays, timeZone (did you mean coolingOffDays?)`,
    );
    expect(en.stdout).toContain(': 1 error, 0 warnings;');
    const zh = await check(edits, '--lang', 'zh-CN');
    expect(zh.stdout.split('\n')[0]).toBe(
      `${zh.file}:8:3: bad-parameter（参数有误）: /parameters/coolingOfDays: 没有名为 coolingOfDays 的参数：参数是固定的：coolingOffDays, phoneReleaseDays, timeZone（是不是 coolingOffDays？）`,
    );
  });

  it('does not mistake text for structure: a colon or a tab inside a message, while YAML refuses the file elsewhere', async () => {
    const { file, stdout, status } = await check([
      {
        file: 'cancel.yaml',
        find: '    description: The wallet (零钱) must be empty.',
        replace:
          '    description: >-\n      The wallet (零钱) must be empty.\n      note：see §2.1\n      \t- a tab in the text',
      },
      // the real mistake, further down
      { file: 'cancel.yaml', find: PAY_SOURCE, replace: PAY_SOURCE.replace('"2.1"', '"2.1') },
    ]);
    expect(status).toBe(2);
    expect(stdout).not.toContain('full-width');
    expect(stdout).not.toContain('a tab in the indentation');
    expect(stdout).toContain(`${file}:18:17: syntax: Missing closing "quote`);
  });

  it('a tab after the dash of a list item: one error, at the tab', async () => {
    const { file, stdout } = await check([
      {
        file: 'cancel.yaml',
        find: '  - id: cancel.balance-zero',
        replace: '  -\tid: cancel.balance-zero',
      },
    ]);
    expect(stdout.split('\n')[0]).toBe(
      `${file}:29:4: syntax: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces that line up with the lines around it`,
    );
    expect(stdout).toContain(': 1 error, 0 warnings;');
  });

  it('guesses a parameter only for a near miss', async () => {
    const { stdout } = await check([
      { file: 'parameters.yaml', find: 'coolingOffDays: 15', replace: 'foo: 15' },
    ]);
    expect(stdout).toContain(
      'bad-parameter: /parameters/foo: there is no parameter foo: parameters are fixed: coolingOffDays, phoneReleaseDays, timeZone\n',
    );
    expect(stdout).toContain('bad-parameter: /parameters/coolingOffDays: is required but missing');
    expect(stdout).not.toContain('did you mean');
  });

  it('points at a placeholder in a double-quoted message, escapes counted as written', async () => {
    const { stdout } = await check([
      {
        file: 'cancel.yaml',
        find: '      en: WeChat Pay is still switched on; turn it off first.',
        replace: '      en: "WeChat Pay is \\"on\\" {pay.nope}"',
      },
    ]);
    const [head = '', shown = '', caret = ''] = stdout.split('\n');
    expect(head).toContain(':27:33: unknown-placeholder: /rules/0/reason/en:');
    expect(shown.indexOf('{pay.nope}')).toBe(caret.indexOf('^'));
  });

  it('cuts a long line by terminal columns, never inside a character', async () => {
    const long = `${'很多😀'.repeat(30)}{pay.nope}${'很多'.repeat(30)}`;
    const { stdout } = await check([
      { file: 'cancel.yaml', find: '请先关闭微信支付。', replace: long },
    ]);
    const [, shown = '', caret = ''] = stdout.split('\n');
    const text = shown.slice(shown.indexOf('| ') + 2);
    expect(text).not.toMatch(/[\ud800-\udfff]/u);
    expect(stringWidth(text)).toBeLessThanOrEqual(82);
    const pad = caret.slice(caret.indexOf('| ') + 2, caret.indexOf('^'));
    expect(pad).toBe(' '.repeat(stringWidth(text.slice(0, text.indexOf('{pay.nope}')))));
  });

  it('gives the library both languages too (InvalidInputError.diagnostics[].messages)', async () => {
    const dir = await copyRuleSet({
      edits: [
        { file: 'parameters.yaml', find: 'phoneReleaseDays: 30', replace: 'phoneReleaseDay: 30' },
      ],
    });
    await expect(loadPolicy({ rules: dir })).rejects.toMatchObject({
      diagnostics: [
        {
          code: 'bad-parameter',
          pointer: '/parameters/phoneReleaseDay',
          message:
            'there is no parameter phoneReleaseDay: parameters are fixed: coolingOffDays, phoneReleaseDays, timeZone (did you mean phoneReleaseDays?)',
          messages: {
            'zh-CN':
              '没有名为 phoneReleaseDay 的参数：参数是固定的：coolingOffDays, phoneReleaseDays, timeZone（是不是 phoneReleaseDays？）',
          },
        },
      ],
    });
  });
});

describe('the language of check, test and analyze', () => {
  const broken = [
    { file: 'parameters.yaml', find: 'coolingOffDays: 15', replace: 'coolingOfDays: 15' },
  ];

  it('follows the locale without --lang (LC_ALL, then LC_MESSAGES, then LANG), else en', async () => {
    const dir = await copyRuleSet({ edits: broken });
    const speak = async (env: Record<string, string>, ...flags: string[]) =>
      (await runCli(['check', '--rules', dir, ...flags], { env })).stdout.includes('参数有误');
    expect(await speak({})).toBe(false);
    expect(await speak({ LANG: 'zh_CN.UTF-8' })).toBe(true);
    expect(await speak({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' })).toBe(false);
    expect(await speak({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' })).toBe(true);
    expect(await speak({ LANG: 'C.UTF-8' })).toBe(false);
    expect(await speak({ LANG: 'zh_CN.UTF-8' }, '--lang', 'en')).toBe(false);
  });

  it('also prints the diagnostics of test and analyze (on stderr) in that language', async () => {
    const dir = await copyRuleSet({ edits: broken });
    for (const command of ['test', 'analyze']) {
      const run = await runCli([command, '--rules', dir, '--lang', 'zh-CN']);
      expect(run.status, command).toBe(2);
      expect(run.stderr, command).toContain(
        'bad-parameter（参数有误）: /parameters/coolingOfDays: 没有名为',
      );
    }
  });

  it('has a title for every diagnostic code, in both languages', async () => {
    const schema = JSON.parse(
      await readFile(join(repoRoot, 'schemas/diagnostic.schema.json'), 'utf8'),
    );
    const codes: string[] = schema.properties.code.enum;
    expect(Object.keys(DIAGNOSTIC_TITLES).sort()).toEqual([...codes].sort());
    for (const [code, title] of Object.entries(DIAGNOSTIC_TITLES)) {
      expect(title['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/u);
      expect(title.en, code).toMatch(/^[a-z][\x20-\x7e]*$/);
    }
  });
});
