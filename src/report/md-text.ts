/** Escaping for the Markdown report: text and code spans that neither break a table nor inject anything. */

/** Text in a table cell or a paragraph: every Markdown and HTML special character escaped. */
export function mdText(value: string): string {
  return value.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_[\]<>|~&!#]/g, (c) => `\\${c}`);
}

/** A code span that survives a table: backticks in the value lengthen the fence; pipes are escaped. */
export function mdCode(value: string): string {
  const text = value.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
