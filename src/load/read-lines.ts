/**
 * Lines of a byte stream with a bound per line: a line longer than the bound is reported by its
 * length and never held in memory, so an input of any size (even one line longer than V8's
 * longest string) costs at most `maxBytes` plus one chunk. Lines are split on `\n` only; a `\r`
 * before it stays in the line, for the caller to accept (NDJSON inputs) or refuse (the log).
 */

const NEWLINE = 0x0a;

export interface RawLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Bytes of the line, without its `\n`. */
  length: number;
  /** The line's bytes; undefined when `length` exceeds the bound (the bytes were skipped). */
  bytes: Buffer | undefined;
  /** False only for a last line with no `\n` at its end. */
  terminated: boolean;
}

/** Yields every line of `stream` (Buffer chunks), the last one even when it has no `\n`. */
export async function* readLines(
  stream: AsyncIterable<Buffer | string>,
  maxBytes: number,
): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let overflow = false;
  let start = 0;
  let line = 0;
  const take = (terminated: boolean): RawLine => {
    const bytes = overflow
      ? undefined
      : parts.length === 1
        ? parts[0]
        : Buffer.concat(parts, length);
    const result: RawLine = { line: ++line, start, length, bytes, terminated };
    start += length + (terminated ? 1 : 0);
    parts = [];
    length = 0;
    overflow = false;
    return result;
  };
  const add = (piece: Buffer) => {
    length += piece.length;
    if (overflow) return;
    if (length > maxBytes) {
      overflow = true;
      parts = [];
    } else if (piece.length > 0) parts.push(piece);
  };
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let from = 0;
    for (
      let newline = buffer.indexOf(NEWLINE, from);
      newline !== -1;
      newline = buffer.indexOf(NEWLINE, from)
    ) {
      add(buffer.subarray(from, newline));
      yield take(true);
      from = newline + 1;
    }
    // Copy the remainder: the stream may reuse its buffer for the next chunk.
    if (from < buffer.length) add(Buffer.from(buffer.subarray(from)));
  }
  if (length > 0 || parts.length > 0 || overflow) yield take(false);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as text, or undefined when they are not valid UTF-8 (never a silent U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
