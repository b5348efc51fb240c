/**
 * The partial file an output is written to before it is renamed into place. Its name,
 * `.<name>.partial-<pid>-<random>` beside the target, is hidden and says what it is, so nobody
 * takes it for output; the pid lets a later run tell a crashed writer's leftover (removed)
 * from a running writer's file (kept).
 */
import type { Stats } from 'node:fs';
import { open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { forget, removeOnSignal } from './remove-on-signal.js';

export interface PartialFile {
  path: string;
  handle: FileHandle;
}

/** Creates the partial for `target` (a final real path); its permissions copy `existing`'s. Throws the errno error. */
export async function createPartial(
  target: string,
  existing: Stats | undefined,
): Promise<PartialFile> {
  const path = join(
    dirname(target),
    `.${basename(target)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const handle = await open(path, 'wx', existing ? existing.mode & 0o7777 : 0o666);
  removeOnSignal(path);
  try {
    if (existing) await handle.chmod(existing.mode & 0o7777); // open's mode is reduced by the umask
  } catch (error) {
    await discardPartial({ path, handle });
    throw error;
  }
  return { path, handle };
}

/** Closes and removes the partial; never throws (it runs while another error is on its way). */
export async function discardPartial(partial: PartialFile): Promise<void> {
  await partial.handle.close().catch(() => undefined);
  await rm(partial.path, { force: true }).catch(() => undefined);
  forget(partial.path);
}

/** The partial became the target (renamed): it needs no cleaning up any more. */
export function keepPartial(partial: PartialFile): void {
  forget(partial.path);
}

/**
 * Removes the partials of `target` left by writers that are gone (killed with SIGKILL, a power
 * cut). Also the `<name>.partial-<pid>` files earlier versions left. A live pid's file is kept.
 */
export async function removeStalePartials(target: string): Promise<void> {
  const name = basename(target);
  const entries = await readdir(dirname(target)).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = partialPid(entry, name);
    if (pid !== undefined && !isAlive(pid))
      await rm(join(dirname(target), entry), { force: true }).catch(() => undefined);
  }
}

function partialPid(entry: string, name: string): number | undefined {
  for (const prefix of [`.${name}.partial-`, `${name}.partial-`]) {
    if (!entry.startsWith(prefix)) continue;
    const match = /^(\d+)(?:-[0-9a-f]+)?$/.exec(entry.slice(prefix.length));
    if (match) return Number(match[1]);
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is someone else's — alive.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
