/**
 * The lines of a file from its end backwards, reading fixed-size chunks: an append needs only
 * the log's end (the head's entry and whatever lies past it), and the log may be gigabytes long.
 * A line longer than the bound is yielded by its length only, never held in memory.
 */
import type { FileHandle } from 'node:fs/promises';
import type { RawLine } from '../../load/read-lines.js';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** A line read backwards: as RawLine, but without a line number (counting needs the start). */
export type BackwardLine = Omit<RawLine, 'line'>;

/**
 * Yields the lines of the first `size` bytes of the file, last first, without their newlines;
 * the last one is `terminated: false` when byte `size - 1` is not a newline (a torn write).
 */
export async function* readLinesBackward(
  handle: FileHandle,
  size: number,
  maxBytes: number,
): AsyncGenerator<BackwardLine> {
  if (size === 0) return;
  let terminated = (await byteAt(handle, size - 1)) === NEWLINE;
  let lineEnd = terminated ? size - 1 : size;
  let position = lineEnd;
  let carry: Buffer[] = [];
  let carried = 0;
  let overflow = false;
  const take = (start: number): BackwardLine => {
    const line: BackwardLine = {
      start,
      length: lineEnd - start,
      bytes: overflow ? undefined : Buffer.concat(carry),
      terminated,
    };
    carry = [];
    carried = 0;
    overflow = false;
    lineEnd = start - 1;
    terminated = true;
    return line;
  };
  while (position > 0) {
    const length = Math.min(CHUNK_BYTES, position);
    position -= length;
    const chunk = await readExactly(handle, position, length);
    let upTo = chunk.length;
    for (
      let newline = chunk.lastIndexOf(NEWLINE, upTo - 1);
      newline !== -1;
      newline = upTo > 0 ? chunk.lastIndexOf(NEWLINE, upTo - 1) : -1
    ) {
      keep(chunk.subarray(newline + 1, upTo));
      yield take(position + newline + 1);
      upTo = newline;
    }
    keep(chunk.subarray(0, upTo));
  }
  yield take(0);

  function keep(piece: Buffer): void {
    carried += piece.length;
    if (overflow) return;
    if (carried > maxBytes) {
      overflow = true;
      carry = [];
    } else if (piece.length > 0) carry.unshift(Buffer.from(piece));
  }
}

/** The byte at `offset`, or undefined beyond the end. */
export async function byteAt(handle: FileHandle, offset: number): Promise<number | undefined> {
  const { bytesRead, buffer } = await handle.read(Buffer.alloc(1), 0, 1, offset);
  return bytesRead === 1 ? buffer[0] : undefined;
}

async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  for (let filled = 0; filled < length;) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0)
      throw new Error(
        `the file ended at byte ${position + filled} while reading up to ${position + length}; was it truncated meanwhile?`,
      );
    filled += bytesRead;
  }
  return buffer;
}
