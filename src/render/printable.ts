/**
 * Text from a snapshot (account ids, names) reaches a terminal: a newline in a name could forge a
 * "✓ … yes" line, ESC could drive the terminal, and bidi controls could reorder what is shown.
 * Those characters, and lone surrogates, are shown as \u escapes instead.
 */
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
