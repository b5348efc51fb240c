/**
 * The template language of rule messages: text with {fact.path} placeholders, e.g. "余额 ¥{pay.balanceYuan}".
 * {a.b + c.d} joins two lists. Lists render joined with the language's separator; null as "—".
 * {fact.path, plural, one {# order is} other {# orders are}} picks the branch for the number's
 * plural category in the message's language (Intl.PluralRules); # stands for the number. Each
 * language must give every one of its categories: en one and other, zh-CN other only.
 * The loader parses every template to check it against the fact catalogue; render/ parses them
 * again, once per Policy, to fill them in. The rule set itself keeps the text as written.
 */
import { factSchema } from '../facts/fact-catalogue.js';
import type { Text } from '../generated/policy-file.js';
import type { Lang } from '../lang.js';

/** The branches of a plural placeholder, by plural category; `other` is always there. */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & {
  readonly other: string;
};
export type TemplatePart = string | { paths: string[][] } | { count: string[]; forms: PluralForms };
export type Template = readonly TemplatePart[];

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const BRANCH = /^\s*([a-z]+)\s*\{([^{}]*)\}/;

export type TemplateOutcome =
  { ok: true; template: Template } | { ok: false; offset: number; message: Text };

type Failure = Extract<TemplateOutcome, { ok: false }>;
type Placeholder = Exclude<TemplatePart, string>;

export function parseTemplate(text: string, lang: Lang): TemplateOutcome {
  const parts: TemplatePart[] = [];
  let last = 0;
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (char === '}') return unbalanced(at);
    if (char !== '{') {
      at += 1;
      continue;
    }
    const end = closing(text, at);
    if (end < 0) return unbalanced(at);
    if (at > last) parts.push(text.slice(last, at));
    const part = placeholder(text.slice(at + 1, end), at, lang);
    if ('ok' in part) return part;
    parts.push(part);
    at = end + 1;
    last = at;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { ok: true, template: parts };
}

/** The index of the `}` that closes the `{` at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function unbalanced(offset: number): Failure {
  return {
    ok: false,
    offset,
    message: { 'zh-CN': '消息中的 { 或 } 不成对', en: 'unbalanced { or } in message' },
  };
}

function placeholder(body: string, offset: number, lang: Lang): Placeholder | Failure {
  const comma = body.indexOf(',');
  if (comma >= 0) return pluralPart(body, comma, offset, lang);
  if (/[{}]/.test(body)) return unbalanced(offset);
  const paths: string[][] = [];
  for (const term of body.split('+').map((t) => t.trim())) {
    const path = factPath(term, body, offset);
    if (!Array.isArray(path)) return path;
    paths.push(path);
  }
  return { paths };
}

function factPath(term: string, body: string, offset: number): string[] | Failure {
  if (!PATH.test(term))
    return {
      ok: false,
      offset,
      message: {
        'zh-CN': `占位符 {${body}} 应写成事实和路径，例如 {pay.balanceYuan}`,
        en: `placeholder {${body}} must name a fact and path such as {pay.balanceYuan}`,
      },
    };
  const [fact = '', ...segments] = term.split('.');
  if (!factSchema(fact, segments))
    return {
      ok: false,
      offset,
      message: {
        'zh-CN': `占位符 {${body}}：事实中没有 ${term}（见 schemas/facts.schema.json）`,
        en: `placeholder {${body}}: the facts have no ${term} (see schemas/facts.schema.json)`,
      },
    };
  return [fact, ...segments];
}

/** `path, plural, one {…} other {…}`: exactly the language's categories (en: one, other; zh-CN: other). */
function pluralPart(
  body: string,
  comma: number,
  offset: number,
  lang: Lang,
): Placeholder | Failure {
  const fail = (zh: string, en: string): Failure => ({
    ok: false,
    offset,
    message: { 'zh-CN': `占位符 {${body}}：${zh}`, en: `placeholder {${body}}: ${en}` },
  });
  const usage = `{fact.path, plural, one {# …} other {# …}}`;
  const term = body.slice(0, comma).trim();
  const rest = body.slice(comma + 1);
  const kind = /^\s*plural\s*,/.exec(rest);
  if (!kind)
    return fail(
      `带逗号的写法只有 plural 一种；请写成 ${usage}`,
      `the only form with a comma is plural; write ${usage}`,
    );
  const count = factPath(term, body, offset);
  if (!Array.isArray(count)) return count;
  const [fact = '', ...segments] = count;
  const type = factSchema(fact, segments)?.type;
  if (!(Array.isArray(type) ? type : [type]).includes('integer'))
    return fail(
      `plural 需要整数，而 ${term} 不是整数`,
      `plural needs a whole number, and ${term} is not one`,
    );
  const allowed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const forms: Partial<Record<Intl.LDMLPluralRule, string>> = {};
  let branches = rest.slice(kind[0].length);
  while (branches.trim() !== '') {
    const branch = BRANCH.exec(branches);
    if (!branch) return fail(`请写成 ${usage}`, `write ${usage}`);
    const [whole, category = '', form = ''] = branch;
    if (!(allowed as string[]).includes(category))
      return fail(
        `${lang} 没有复数类别 "${category}"（它有 ${allowed.join(', ')}）`,
        `${lang} has no plural category "${category}" (it has ${allowed.join(', ')})`,
      );
    if (Object.hasOwn(forms, category))
      return fail(
        `复数类别 "${category}" 写了两次`,
        `plural category "${category}" is given twice`,
      );
    forms[category as Intl.LDMLPluralRule] = form;
    branches = branches.slice(whole.length);
  }
  const missing = allowed.filter((category) => !Object.hasOwn(forms, category));
  const other = forms.other;
  if (missing.length > 0 || other === undefined)
    return fail(
      `${lang} 的 plural 需要为 ${allowed.join(', ')} 各写一个分支；缺少 ${missing.join(', ')}`,
      `${lang} plural needs a branch for each of ${allowed.join(', ')}; missing ${missing.join(', ')}`,
    );
  return { count, forms: { ...forms, other } };
}
