/**
 * Every reason and consequence template of a rule set, parsed once per Policy (the rule set
 * keeps the text; the loader already refused any template that does not parse).
 */
import type { Lang } from '../lang.js';
import { LANGS } from '../lang.js';
import type { RuleSet, Text } from '../rules/rule-set.js';
import { parseTemplate, type Template } from '../rules/template.js';

/** id → its template in each language. */
export type Messages = ReadonlyMap<string, Readonly<Record<Lang, Template>>>;

export function messagesOf(ruleSet: RuleSet): Messages {
  const messages = new Map<string, Record<Lang, Template>>();
  for (const policy of ruleSet.policies) {
    for (const rule of policy.rules) messages.set(rule.id, templates(rule.id, rule.reason));
    for (const c of policy.consequences) messages.set(c.id, templates(c.id, c.message));
  }
  return messages;
}

function templates(id: string, text: Text): Record<Lang, Template> {
  const parsed = {} as Record<Lang, Template>;
  for (const lang of LANGS) {
    const outcome = parseTemplate(text[lang], lang);
    // The loader checked every template; one that does not parse here is a bug, not input.
    if (!outcome.ok)
      throw new Error(`${id}: ${lang} template does not parse: ${outcome.message.en}`);
    parsed[lang] = outcome.template;
  }
  return parsed;
}

export function messageOf(messages: Messages, id: string, lang: Lang): Template {
  const template = messages.get(id)?.[lang];
  if (!template) throw new Error(`${id}: no ${lang} message`);
  return template;
}
