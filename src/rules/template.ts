/**
 * The template language of rule messages: text with {fact.path} placeholders, e.g. "余额 ¥{pay.balanceYuan}".
 * {a.b + c.d} joins two lists. Lists render joined with the language's separator; null as "—".
 * The loader parses every template to check it against the fact catalogue; render/ parses them
 * again, once per Policy, to fill them in. The rule set itself keeps the text as written.
 */
import { factSchema } from '../facts/fact-catalogue.js';

export type TemplatePart = string | { paths: string[][] };
export type Template = readonly TemplatePart[];

const PLACEHOLDER = /\{([^{}]*)\}/g;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

export type TemplateOutcome =
  { ok: true; template: Template } | { ok: false; offset: number; message: string };

export function parseTemplate(text: string): TemplateOutcome {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const offset = match.index;
    if (offset > last) parts.push(text.slice(last, offset));
    const paths: string[][] = [];
    for (const term of (match[1] ?? '').split('+').map((t) => t.trim())) {
      if (!PATH.test(term))
        return {
          ok: false,
          offset,
          message: `placeholder {${match[1]}} must name a fact and path such as {pay.balanceYuan}`,
        };
      const [fact = '', ...segments] = term.split('.');
      if (!factSchema(fact, segments))
        return {
          ok: false,
          offset,
          message: `placeholder {${match[1]}}: the facts have no ${term} (see schemas/facts.schema.json)`,
        };
      paths.push([fact, ...segments]);
    }
    parts.push({ paths });
    last = offset + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  const stray = parts.findIndex((part) => typeof part === 'string' && /[{}]/.test(part));
  if (stray >= 0)
    return { ok: false, offset: text.search(/[{}]/), message: 'unbalanced { or } in message' };
  return { ok: true, template: parts };
}
