/** The languages every message, title and report exists in: the rules carry both. */
export type Lang = 'zh-CN' | 'en';

/** Every language, in the order the rule files write them. */
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export function isLang(value: unknown): value is Lang {
  return value === 'zh-CN' || value === 'en';
}
