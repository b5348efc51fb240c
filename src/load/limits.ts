/**
 * A string-aware scan for nesting depth, run on JSON text before anything recursive (a parser,
 * canonical JSON) sees it: brackets inside strings do not count.
 */

/** The offset of the first `[` or `{` that opens a level deeper than `max`, or undefined. */
export function depthExceededAt(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}
