/**
 * Output to a stream: stdout, or a Unix socket `--out` names. Each write waits for the stream
 * to take the text (backpressure), and rejects once the reader has gone, so a batch writing
 * to `| head -1` stops at the next chunk instead of evaluating everything for nobody.
 */
import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { finished } from 'node:stream/promises';
import { isClosedError, OutputClosedError, type Output } from './output.js';
import { writeFailed } from './write-failed.js';

/** What a stream must offer; a test's plain `{ write }` object works too (without backpressure). */
export interface TextStream {
  write(text: string, done?: (error?: Error | null) => void): unknown;
  on?: unknown;
}

/** `out` is the flag's value for messages; undefined for stdout. */
export function streamOutput(stream: TextStream, out?: string, end?: () => Promise<void>): Output {
  return {
    async write(text) {
      if (text === '') return;
      // A Node stream calls back once the text is taken (or failed); a plain object may not call back at all.
      if (typeof stream.on !== 'function') return void stream.write(text);
      await new Promise<void>((resolve, reject) => {
        stream.write(text, (error) =>
          error
            ? reject(isClosedError(error) ? new OutputClosedError(error) : writeFailed(out, error))
            : resolve(),
        );
      });
    },
    async commit() {
      await end?.();
    },
    async abort() {
      await end?.().catch(() => undefined);
    },
  };
}

/** Connects to the Unix socket at `path` (before any work, so a dead listener is found at once). */
export async function socketOutput(path: string, out: string): Promise<Output> {
  const socket: Socket = createConnection({ path });
  // Errors reach the writer through write callbacks; without a listener they would crash the process.
  socket.on('error', () => undefined);
  try {
    await once(socket, 'connect'); // rejects on 'error'
  } catch (error) {
    socket.destroy();
    throw writeFailed(out, error as Error);
  }
  return streamOutput(socket, out, async () => {
    socket.end();
    await finished(socket).catch((error: Error) =>
      Promise.reject(isClosedError(error) ? new OutputClosedError(error) : writeFailed(out, error)),
    );
  });
}
