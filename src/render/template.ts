/**
 * Renders a message template (rules/template.ts) over the facts: lists joined with the
 * language's separator, null and missing values as "—"; a plural placeholder picks the branch for
 * the number's plural category in the language (Intl.PluralRules), # standing for the number.
 */
import type { Lang } from '../lang.js';
import type { PluralForms, Template } from '../rules/template.js';

const LIST_SEPARATOR: Record<Lang, string> = { 'zh-CN': '、', en: ', ' };

export function renderTemplate(template: Template, facts: object, lang: Lang): string {
  return template
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('count' in part) return plural(part.forms, lookup(facts, part.count), lang);
      const values = part.paths.map((path) => lookup(facts, path));
      if (values.every(Array.isArray))
        return (values as unknown[][]).flat().map(String).join(LIST_SEPARATOR[lang]);
      return values
        .map((value) =>
          Array.isArray(value)
            ? value.join(LIST_SEPARATOR[lang])
            : value === null || value === undefined
              ? '—'
              : String(value),
        )
        .join('');
    })
    .join('');
}

const PLURAL_RULES: Record<Lang, Intl.PluralRules> = {
  'zh-CN': new Intl.PluralRules('zh-CN'),
  en: new Intl.PluralRules('en'),
};

function plural(forms: PluralForms, value: unknown, lang: Lang): string {
  if (typeof value !== 'number') return forms.other.replaceAll('#', '—');
  const form = forms[PLURAL_RULES[lang].select(value)] ?? forms.other;
  return form.replaceAll('#', String(value));
}

function lookup(facts: object, path: readonly string[]): unknown {
  let at: unknown = facts;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
