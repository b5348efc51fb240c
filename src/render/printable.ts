/**
 * Text from a snapshot (account ids, names) reaches a terminal: a newline in a name could forge a
 * "✓ … yes" line, ESC could drive the terminal, bidi controls could reorder what is shown, and
 * zero-width or other invisible characters could make two different ids look the same. Those
 * characters — controls (Cc), format characters (Cf: bidi marks, zero-width space and joiners,
 * the byte-order mark, soft hyphens, tags), line and paragraph separators, the Hangul fillers
 * that render as blanks, and lone surrogates — are shown as \u escapes instead.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/gu;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
