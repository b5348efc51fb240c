/** Time arithmetic for the lifecycle: RFC 3339 text in, epoch milliseconds inside, ISO UTC out. */

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Epoch milliseconds of an RFC 3339 date-time already checked by the schema's `date-time`
 * format. Digits beyond milliseconds are dropped; a leap second (…:60) is the instant after …:59.
 */
export function epochMs(text: string): number {
  // Seconds sit at offset 17 in an RFC 3339 date-time; only "60" there is a leap second.
  const leap = text.charCodeAt(17) === 0x36 && text.charCodeAt(18) === 0x30;
  const ms = leap ? Date.parse(`${text.slice(0, 17)}59${text.slice(19)}`) + 1000 : Date.parse(text);
  if (!Number.isFinite(ms)) throw new RangeError(`not a representable time: ${text}`);
  return ms;
}

let lastIso: { ms: number; text: string } | undefined;

/** ISO 8601 in UTC with milliseconds, e.g. 2026-11-24T00:00:00.000Z; the last one is remembered (a batch formats the same `now` each time). */
export function isoUtc(ms: number): string {
  if (lastIso?.ms !== ms) lastIso = { ms, text: new Date(ms).toISOString() };
  return lastIso.text;
}
