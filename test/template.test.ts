/**
 * The plural placeholder of message templates ({n, plural, one {…} other {…}}): parsed and
 * checked against the language's plural categories, rendered for 1 and 2, and refused at load
 * time (`unknown-placeholder`) when it is not well formed.
 */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../src/index.js';
import { renderTemplate } from '../src/render/template.js';
import { parseTemplate, type Template } from '../src/rules/template.js';
import { copyRuleSet } from './helpers.js';

const REFUNDS =
  '{pay.pendingRefunds, plural, one {# order is} other {# orders are}} awaiting a refund';

function parsed(text: string, lang: 'en' | 'zh-CN'): Template {
  const outcome = parseTemplate(text, lang);
  if (!outcome.ok) throw new Error(outcome.message.en);
  return outcome.template;
}

function refunds(count: unknown) {
  return { pay: { pendingRefunds: count } };
}

describe('plural placeholders', () => {
  it('agree in English with 1 and 2 (and 0 takes "other")', () => {
    const template = parsed(REFUNDS, 'en');
    expect(renderTemplate(template, refunds(1), 'en')).toBe('1 order is awaiting a refund');
    expect(renderTemplate(template, refunds(2), 'en')).toBe('2 orders are awaiting a refund');
    expect(renderTemplate(template, refunds(0), 'en')).toBe('0 orders are awaiting a refund');
  });

  it('have only "other" in Chinese, the same for 1 and 2', () => {
    const template = parsed('还有 {pay.pendingRefunds, plural, other {# 笔}}待退款订单', 'zh-CN');
    expect(renderTemplate(template, refunds(1), 'zh-CN')).toBe('还有 1 笔待退款订单');
    expect(renderTemplate(template, refunds(2), 'zh-CN')).toBe('还有 2 笔待退款订单');
  });

  it('sit beside ordinary placeholders and text, and show a missing number as "—"', () => {
    const template = parsed(
      `${REFUNDS} ({parameters.phoneReleaseDays, plural, one {# day} other {# days}})`,
      'en',
    );
    expect(
      renderTemplate(template, { ...refunds(1), parameters: { phoneReleaseDays: 30 } }, 'en'),
    ).toBe('1 order is awaiting a refund (30 days)');
    expect(renderTemplate(template, { parameters: { phoneReleaseDays: 1 } }, 'en')).toBe(
      '— orders are awaiting a refund (1 day)',
    );
  });

  it.each([
    ['{pay.pendingRefunds, plural, other {# orders}}', 'en', 'missing one'],
    ['{pay.pendingRefunds, plural, one {# order}}', 'en', 'missing other'],
    [
      '{pay.pendingRefunds, plural, one {# order} few {# orders} other {# orders}}',
      'en',
      'no plural category "few"',
    ],
    ['{pay.pendingRefunds, plural, one {# 笔} other {# 笔}}', 'zh-CN', 'no plural category "one"'],
    ['{pay.pendingRefunds, plural, one {a} one {b} other {c}}', 'en', 'given twice'],
    ['{pay.balanceYuan, plural, one {# yuan} other {# yuan}}', 'en', 'not one'],
    ['{pay.refunds, plural, one {#} other {#}}', 'en', 'the facts have no pay.refunds'],
    [
      '{pay.pendingRefunds, select, one {#} other {#}}',
      'en',
      'the only form with a comma is plural',
    ],
    ['{pay.pendingRefunds, plural, one {# {x}} other {#}}', 'en', 'write {fact.path, plural'],
    ['{pay.pendingRefunds, plural, one {#} other {#}', 'en', 'unbalanced'],
    ['a } b', 'en', 'unbalanced'],
  ] as const)('refuses %s (%s)', (text, lang, message) => {
    const outcome = parseTemplate(text, lang);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message.en).toContain(message);
  });

  it('is checked when the rule set loads: an English plural without "one" is refused', async () => {
    const dir = await copyRuleSet({
      edits: [
        {
          file: 'cancel.yaml',
          find: '{pay.pendingRefunds, plural, one {# order is} other {# orders are}}',
          replace: '{pay.pendingRefunds, plural, other {# orders are}}',
        },
      ],
    });
    const outcome = await loadRuleSet(dir);
    expect(outcome.ok).toBe(false);
    expect(
      outcome.ok ? [] : outcome.diagnostics.map((d) => [d.code, d.pointer, d.message]),
    ).toEqual([
      [
        'unknown-placeholder',
        '/rules/3/reason/en',
        'placeholder {pay.pendingRefunds, plural, other {# orders are}}: en plural needs a branch for each of one, other; missing one',
      ],
    ]);
  });
});
