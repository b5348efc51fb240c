/**
 * The bounds every input is held to, and the one nesting scanner that measures them before
 * anything recursive (a parser, canonical JSON, a copy) sees the text.
 */

/**
 * Deepest nesting of arrays and objects accepted anywhere: in text (flow `[[[…` or block
 * `- - - …`), in values passed to the library, in HTTP bodies. Snapshots need 6. The yaml
 * parser refuses ~1,000 flow levels, but a second such refusal in one process has aborted
 * Node 20; block nesting overflows the composer's recursion from ~900 levels on the main thread
 * (~3,700 in a worker, so the same input gave different answers). Both are measured beforehand,
 * without recursion.
 */
export const MAX_NESTING_DEPTH = 64;
/**
 * Largest text accepted per document (snapshot, rule file, NDJSON line), in UTF-8 bytes. YAML
 * parsing costs ~300 bytes of memory per input byte at worst (1 MiB of `- 0` lines: ~330 MB,
 * 2.5 s); a real snapshot is a few KB. The bound keeps one input from exhausting the process.
 */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/**
 * The offset of the first `[` or `{` that opens a level deeper than `max`, or undefined.
 * `strings: 'json'` skips brackets inside JSON strings (JSON text, log lines, HTTP bodies);
 * `'none'` counts every bracket, which is right for YAML, where a bracket in a plain scalar
 * may not be quoted and an over-count only refuses sooner.
 */
export function depthExceededAt(
  text: string,
  max: number,
  strings: 'json' | 'none' = 'json',
): number | undefined {
  let depth = 0;
  let inString = false;
  const skipStrings = strings === 'json';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22 && skipStrings) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** The UTF-8 length of `text` when it exceeds `max`, else undefined (measured only when it could). */
export function utf8BytesOver(text: string, max: number): number | undefined {
  if (text.length * 3 <= max) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > max ? bytes : undefined;
}
