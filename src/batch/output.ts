/**
 * Where batch records go: a file, written to a temporary name and renamed into place only when
 * the batch succeeds (never a half-written file), or stdout. Both honour backpressure.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface RecordOutput {
  write(lines: readonly string[]): Promise<void>;
  /** The batch succeeded: make the output visible. */
  commit(): Promise<void>;
  /** The batch failed: leave nothing behind. */
  abort(): Promise<void>;
}

type Writable = { write(text: string): unknown; once?: (event: 'drain', listener: () => void) => unknown };

export function streamOutput(stream: Writable): RecordOutput {
  return {
    async write(lines) {
      if (lines.length === 0) return;
      const ok = stream.write(`${lines.join('\n')}\n`);
      if (ok === false && stream.once) await new Promise<void>((done) => stream.once?.('drain', done));
    },
    async commit() {},
    async abort() {},
  };
}

export function fileOutput(path: string, cwd: string): RecordOutput {
  const target = resolve(cwd, path);
  const temporary = `${target}.partial-${process.pid}`;
  const stream: WriteStream = createWriteStream(temporary, { flags: 'wx' });
  const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  const output = streamOutput(stream);
  return {
    write: (lines) => Promise.race([output.write(lines), failed]),
    async commit() {
      stream.end();
      await Promise.race([once(stream, 'close'), failed]);
      await rename(temporary, target);
    },
    async abort() {
      stream.destroy();
      await rm(temporary, { force: true });
    },
  };
}
