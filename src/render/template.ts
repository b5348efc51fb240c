/**
 * Renders a message template (rules/template.ts) over the facts: lists joined with the
 * language's separator, null and missing values as "—"; a plural placeholder picks the branch for
 * the number's plural category in the language (Intl.PluralRules), # standing for the number.
 */
import { factSchema } from '../facts/fact-catalogue.js';
import type { Lang } from '../lang.js';
import { DEFAULT_TIME_ZONE } from '../rules/time-zone.js';
import type { PluralForms, Template } from '../rules/template.js';
import { localTime } from './local-time.js';

const LIST_SEPARATOR: Record<Lang, string> = { 'zh-CN': '、', en: ', ' };

export function renderTemplate(
  template: Template,
  facts: object,
  lang: Lang,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  return template
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('count' in part) return plural(part.forms, lookup(facts, part.count), lang);
      const values = part.paths.map((path) => shown(path, lookup(facts, path), lang, timeZone));
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

const TIME_PATHS = new Map<string, boolean>();

/** A date-time fact as a local time; any other value as it is. */
function shown(path: readonly string[], value: unknown, lang: Lang, timeZone: string): unknown {
  if (typeof value !== 'string') return value;
  const key = path.join('.');
  let isTime = TIME_PATHS.get(key);
  if (isTime === undefined) {
    const [fact = '', ...segments] = path;
    isTime = factSchema(fact, segments)?.format === 'date-time';
    TIME_PATHS.set(key, isTime);
  }
  return isTime ? localTime(value, lang, timeZone) : value;
}

function lookup(facts: object, path: readonly string[]): unknown {
  let at: unknown = facts;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
