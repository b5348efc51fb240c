/**
 * The number formats the reports share. Numbers are grouped by hand, not with Intl, so output
 * never depends on the machine's ICU data.
 */
/** 1234567 → "1,234,567". */
export function group(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `count` as a percentage of `of`, one decimal; 0 when `of` is 0. */
export function percentOf(count: number, of: number): number {
  return of === 0 ? 0 : Math.round((count / of) * 1000) / 10;
}

/** 12.5 → "12.5%", 12 → "12.0%": one decimal always, so columns line up. */
export function percentText(value: number): string {
  return `${value.toFixed(1)}%`;
}

/** "file:line", or just the file for a whole-file input. */
export function locationText(at: { file: string; line: number | null }): string {
  return at.line === null ? at.file : `${at.file}:${at.line}`;
}
