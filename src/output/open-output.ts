/**
 * The one way commands write `--out` (docs/audit.md, docs/reports.md). Everything that can go
 * wrong with the destination is found before any work: it is resolved (symlinks followed),
 * refused when it is one of the command's inputs (`out-is-input`), and its partial file is
 * created (`write-failed` for a missing directory, no permission, a read-only file system).
 *
 * - missing or `-`: stdout.
 * - a character device, a FIFO, a socket: written straight into (no partial, no rename).
 * - a regular file, a new file, or a symlink to either: a partial file in the final target's
 *   real directory, fsynced and renamed onto the target only on commit, so readers see the old
 *   contents or the new, and a link stays a link.
 */
import { constants } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import type { CommandInputs } from './command-inputs.js';
import { resolveOut } from './out-target.js';
import { isClosedError, OutputClosedError, type Output } from './output.js';
import {
  createPartial,
  discardPartial,
  keepPartial,
  removeStalePartials,
  type PartialFile,
} from './partial-file.js';
import { refuseInputs } from './refuse-inputs.js';
import { socketOutput, streamOutput, type TextStream } from './stream-output.js';
import { writeFailed } from './write-failed.js';

export interface OutputOptions {
  /** `--out` as the user typed it. Default (undefined) and "-": stdout. */
  out?: string | undefined;
  /** Relative paths are resolved from here. */
  cwd: string;
  /** Where stdout output goes. Default: process.stdout. */
  stdout?: TextStream | undefined;
  /** What the command reads: `--out` must not name any of it. */
  inputs: CommandInputs;
}

/** Throws InvalidInputError (`out-is-input`, `write-failed`) when `--out` cannot or must not be written. */
export async function openOutput(options: OutputOptions): Promise<Output> {
  const { out, cwd } = options;
  const target = await resolveOut(out, cwd);
  if (target.kind === 'stdout') return streamOutput(options.stdout ?? process.stdout);
  const flag = out as string; // not stdout, so --out was given
  if (target.kind === 'socket') return socketOutput(target.path, flag);
  if (target.kind !== 'file') {
    // O_WRONLY alone: never create or truncate; a FIFO's open waits for its reader, as `> fifo` does.
    const handle = await open(target.path, constants.O_WRONLY).catch((error: Error) =>
      Promise.reject(writeFailed(flag, error)),
    );
    return deviceOutput(handle, flag);
  }
  await refuseInputs(
    { out: flag, path: target.path, existing: target.existing },
    options.inputs,
    cwd,
  );
  await removeStalePartials(target.path);
  const partial = await createPartial(target.path, target.existing).catch((error: Error) =>
    Promise.reject(writeFailed(flag, error)),
  );
  return partialOutput(partial, target.path, flag);
}

function deviceOutput(handle: FileHandle, out: string): Output {
  return {
    async write(text) {
      await handle
        .writeFile(text)
        .catch((error: Error) =>
          Promise.reject(
            isClosedError(error) ? new OutputClosedError(error) : writeFailed(out, error),
          ),
        );
    },
    async commit() {
      await handle.close().catch((error: Error) => Promise.reject(writeFailed(out, error)));
    },
    async abort() {
      await handle.close().catch(() => undefined);
    },
  };
}

function partialOutput(partial: PartialFile, target: string, out: string): Output {
  // Any failure (ENOSPC, EIO, …) removes the partial before it is reported.
  const failed = async (error: Error): Promise<never> => {
    await discardPartial(partial);
    throw writeFailed(out, error);
  };
  return {
    async write(text) {
      await partial.handle.writeFile(text).catch(failed);
    },
    async commit() {
      try {
        await partial.handle.sync(); // the contents are on disk before the name points at them
        await partial.handle.close();
        await rename(partial.path, target);
      } catch (error) {
        await failed(error as Error);
      }
      keepPartial(partial);
    },
    abort: () => discardPartial(partial),
  };
}
