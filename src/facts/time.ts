/** Time arithmetic for the lifecycle: RFC 3339 text in, epoch milliseconds inside, ISO UTC out. */

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Epoch milliseconds of an RFC 3339 date-time already checked by the schema's `date-time`
 * format. Digits beyond milliseconds are dropped; a leap second (…:60) is the instant after …:59.
 */
export function epochMs(text: string): number {
  const leap = /^(.{17}):60/i.exec(text);
  const ms = leap ? Date.parse(text.replace(/^(.{17}):60/, '$1:59')) + 1000 : Date.parse(text);
  if (!Number.isFinite(ms)) throw new RangeError(`not a representable time: ${text}`);
  return ms;
}

/** ISO 8601 in UTC with milliseconds, e.g. 2026-11-24T00:00:00.000Z. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
