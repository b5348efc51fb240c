/**
 * The lines of a file from its end backwards, reading fixed-size chunks: an append needs only
 * the last entry (or the few after the head), and the log may be gigabytes long.
 */
import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

export interface BackwardLine {
  text: string;
  /** Byte offset of the line's first byte. */
  start: number;
}

/**
 * Yields the lines of the first `end` bytes of the file, last first, without their newlines.
 * `end` should exclude the file's final newline, else the first line yielded is empty.
 */
export async function* readLinesBackward(handle: FileHandle, end: number): AsyncGenerator<BackwardLine> {
  let position = end;
  let carry: Buffer = Buffer.alloc(0);
  while (position > 0) {
    const length = Math.min(CHUNK_BYTES, position);
    position -= length;
    const chunk = await readExactly(handle, position, length);
    let buffer: Buffer = carry.length === 0 ? chunk : Buffer.concat([chunk, carry]);
    for (let newline = buffer.lastIndexOf(NEWLINE); newline !== -1; newline = buffer.lastIndexOf(NEWLINE)) {
      yield { text: buffer.subarray(newline + 1).toString('utf8'), start: position + newline + 1 };
      buffer = buffer.subarray(0, newline);
    }
    carry = buffer;
  }
  if (end > 0) yield { text: carry.toString('utf8'), start: 0 };
}

/** The byte at `offset`, or undefined beyond the end. */
export async function byteAt(handle: FileHandle, offset: number): Promise<number | undefined> {
  const { bytesRead, buffer } = await handle.read(Buffer.alloc(1), 0, 1, offset);
  return bytesRead === 1 ? buffer[0] : undefined;
}

async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  for (let filled = 0; filled < length; ) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw new Error(`the file ended at byte ${position + filled} while reading up to ${position + length}; was it truncated meanwhile?`);
    filled += bytesRead;
  }
  return buffer;
}
