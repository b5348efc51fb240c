/**
 * A time shown to people: in the rule set's time zone (parameters.yaml `timeZone`), as people
 * write it, built with Intl (the offset from formatToParts), never from the machine's TZ:
 * zh-CN 「2026年11月12日 06:00（北京时间）」, en "12 Nov 2026, 06:00 (UTC+08:00)". zh-CN names
 * Asia/Shanghai 北京时间 and any other zone by its offset (UTC±hh:mm), which reads the same in
 * every ICU version; en always gives the offset. Machine fields stay RFC 3339 in UTC.
 */
import type { Lang } from '../lang.js';

const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};
const LOCALE: Record<Lang, { locale: string; month: 'long' | 'short' }> = {
  'zh-CN': { locale: 'zh-CN', month: 'long' },
  en: { locale: 'en-GB', month: 'short' },
};
/** Zones with a name people use in Chinese instead of the offset. */
const ZH_ZONE_NAMES: Readonly<Record<string, string>> = { 'Asia/Shanghai': '北京时间' };

const formats = new Map<string, { time: Intl.DateTimeFormat; offset: Intl.DateTimeFormat }>();

function formatsFor(lang: Lang, timeZone: string) {
  const key = `${lang} ${timeZone}`;
  let found = formats.get(key);
  if (!found) {
    const { locale, month } = LOCALE[lang];
    found = {
      time: new Intl.DateTimeFormat(locale, { ...DATE_TIME, month, timeZone }),
      offset: new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' }),
    };
    formats.set(key, found);
  }
  return found;
}

/** An RFC 3339 instant as a local time in `timeZone`; text that names no instant as it is. */
export function localTime(instant: string, lang: Lang, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const { time, offset } = formatsFor(lang, timeZone);
  const text = time.format(date);
  if (lang === 'zh-CN') return `${text}（${ZH_ZONE_NAMES[timeZone] ?? utcOffset(offset, date)}）`;
  return `${text} (${utcOffset(offset, date)})`;
}

/** "UTC+08:00": Intl's longOffset zone name ("GMT+08:00", or "GMT" at offset zero) as UTC. */
function utcOffset(offset: Intl.DateTimeFormat, date: Date): string {
  const name = offset.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value;
  const sign = name?.slice('GMT'.length) ?? '';
  return `UTC${sign === '' ? '+00:00' : sign}`;
}
