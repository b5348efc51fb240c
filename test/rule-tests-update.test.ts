/**
 * `test --update` (issue 14 item 7): after a reason is reworded, the expected messages of the
 * failing cases are rewritten to what the rules now say — values only, comments and layout
 * kept, outcomes and rule ids never — and what changed is printed.
 */
import { lstat, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, copyRuleSet, runCli, runNode } from './helpers.js';

const REWORD = {
  file: 'cancel.yaml',
  find: '零钱余额 ¥{pay.balanceYuan} 尚未清空，请先提现或用完。',
  replace: '零钱里还有 ¥{pay.balanceYuan}，请先提现或用完。',
};

describe('account-policy test --update', () => {
  it('rewrites only the reworded expected messages, says what it changed, and then passes', async () => {
    const dir = await copyRuleSet({ edits: [REWORD] });
    const before = await readFile(join(dir, 'tests/cancel.yaml'), 'utf8');
    expect((await runCli(['test', '--rules', dir])).stdout).toMatch(/\n72 passed, 2 failed\n$/);

    const run = await runCli(['test', '--rules', dir, '--update']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\n74 passed, 0 failed\n$/);
    const file = join(dir, 'tests/cancel.yaml');
    expect(run.stderr).toBe(
      [
        `updated ${file}:91  cancel / cancel.balance-zero`,
        '  - "零钱余额 ¥12.50 尚未清空，请先提现或用完。"',
        '  + "零钱里还有 ¥12.50，请先提现或用完。"',
        `updated ${file}:249  cancel / cancel.balance-zero`,
        '  - "零钱余额 ¥0.99 尚未清空，请先提现或用完。"',
        '  + "零钱里还有 ¥0.99，请先提现或用完。"',
        '2 expected messages updated in 1 file; outcomes and rule ids were not touched.',
        '',
      ].join('\n'),
    );
    // exactly those two lines differ: comments, flow mappings and every other value are kept
    const after = await readFile(file, 'utf8');
    const changed = before
      .split('\n')
      .flatMap((line, i) => (after.split('\n')[i] === line ? [] : [i + 1]));
    expect(changed).toEqual([91, 249]);
    expect(after.split('\n')[90]).toBe(
      '            cancel.balance-zero: 零钱里还有 ¥12.50，请先提现或用完。',
    );
    // a second run has nothing to do
    const again = await runCli(['test', '--rules', dir, '--update', '--lang', 'zh-CN']);
    expect(again.stderr).toBe('没有需要更新的预期消息。\n');
    expect(await readFile(file, 'utf8')).toBe(after);
  });

  it('never touches outcomes or rule ids: a case failing on them still fails, as written', async () => {
    const dir = await copyRuleSet({
      edits: [
        REWORD,
        // the case now expects a rule id that does not fail: only a person may decide that
        {
          file: 'tests/cancel.yaml',
          find: '          failing: [cancel.balance-zero]\n          messages:\n            cancel.balance-zero: 零钱余额 ¥12.50',
          replace:
            '          failing: [cancel.pay-closed]\n          messages:\n            cancel.balance-zero: 零钱余额 ¥12.50',
        },
      ],
    });
    const run = await runCli(['test', '--rules', dir, '--update']);
    expect(run.status).toBe(1);
    const text = await readFile(join(dir, 'tests/cancel.yaml'), 'utf8');
    expect(text).toContain(
      '          failing: [cancel.pay-closed]\n          messages:\n            cancel.balance-zero: 零钱里还有 ¥12.50',
    );
    expect(run.stdout).toContain('      - failing: [cancel.pay-closed]\n');
    expect(run.stdout).toMatch(/\n73 passed, 1 failed\n$/);
  });

  it('leaves a message whose rule is not shown any more as it is', async () => {
    const dir = await copyRuleSet({
      edits: [
        {
          file: 'tests/cancel.yaml',
          find: '            cancel.balance-zero: 零钱余额 ¥12.50 尚未清空，请先提现或用完。',
          replace:
            '            cancel.balance-zero: 零钱余额 ¥12.50 尚未清空，请先提现或用完。\n            cancel.pay-closed: 不会显示',
        },
      ],
    });
    const run = await runCli(['test', '--rules', dir, '--update']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('No expected message needed updating.\n');
    expect(await readFile(join(dir, 'tests/cancel.yaml'), 'utf8')).toContain(
      'cancel.pay-closed: 不会显示',
    );
  });

  it('keeps the comment after a block scalar, and names the lines as the file now is', async () => {
    const dir = await copyRuleSet({
      edits: [
        REWORD,
        {
          file: 'tests/cancel.yaml',
          find: '            cancel.balance-zero: 零钱余额 ¥12.50 尚未清空，请先提现或用完。',
          replace:
            '            cancel.balance-zero: |-\n              零钱余额 ¥12.50 尚未清空，请先提现或用完。\n            # kept on its own line',
        },
      ],
    });
    const run = await runCli(['test', '--rules', dir, '--update']);
    expect(run.status).toBe(0);
    const text = await readFile(join(dir, 'tests/cancel.yaml'), 'utf8');
    expect(text).toContain(
      '            cancel.balance-zero: "零钱里还有 ¥12.50，请先提现或用完。"\n            # kept on its own line\n',
    );
    const [first = ''] = run.stderr.split('\n');
    const line = Number(/:(\d+) {2}cancel/.exec(first)?.[1]);
    expect(text.split('\n')[line - 1]).toContain('cancel.balance-zero: "零钱里还有 ¥12.50');
  });

  it('refuses, and writes nothing, when the case file is saved while the tests run', async () => {
    const dir = await copyRuleSet({ edits: [REWORD] });
    const file = join(dir, 'tests/cancel.yaml');
    // a colleague's editor saves the file right after the cases were read
    const preload = join(dir, 'save-during-run.mjs');
    await writeFile(
      preload,
      [
        "import fs from 'node:fs';",
        "import { syncBuiltinESMExports } from 'node:module';",
        'const read = fs.promises.readFile;',
        'let saved = false;',
        'fs.promises.readFile = async function (path, ...rest) {',
        '  const text = await read.call(this, path, ...rest);',
        `  if (!saved && String(path) === ${JSON.stringify(file)}) {`,
        '    saved = true;',
        "    fs.writeFileSync(path, String(text).replace('cases:\\n', 'cases:\\n# a colleague was here\\n'));",
        '  }',
        '  return text;',
        '};',
        'syncBuiltinESMExports();',
      ].join('\n'),
    );
    const run = await runNode(['--import', preload, cliPath, 'test', '--rules', dir, '--update']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `account-policy: ${file}: write-failed: cannot update ${file}: it changed while the tests ran; run test --update again\n`,
    );
    const text = await readFile(file, 'utf8');
    expect(text).toContain('# a colleague was here');
    expect(text).not.toContain('零钱里还有');
  });

  it('writes through a symlinked case file: the link stays a link', async () => {
    const dir = await copyRuleSet({ edits: [REWORD] });
    const real = join(dir, 'tests/cancel.real');
    await rename(join(dir, 'tests/cancel.yaml'), real);
    await symlink('cancel.real', join(dir, 'tests/cancel.yaml'));
    const run = await runCli(['test', '--rules', dir, '--update']);
    expect(run.status).toBe(0);
    expect((await lstat(join(dir, 'tests/cancel.yaml'))).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toContain('零钱里还有 ¥12.50');
  });
});
