/**
 * --watch: reload the rules when a file in their directory changes. Editors write a file in
 * several steps (and often several files), so a reload starts only after a quiet period.
 *
 * The directory itself may be replaced: deleted and made again, renamed over (`mv new rules`),
 * or a symlink to it swapped (`ln -s b tmp && mv -T tmp rules`). A watch on a directory follows
 * the inode it was given, so the parent directory is watched as well, for entries named like
 * the rule directory, and when the quiet period ends the directory's watch is made again on
 * whatever the path names now, before the reload reads it: a change after that is seen by the
 * new watch, one before it is read by the reload. A Kubernetes ConfigMap volume (`cancel.yaml ->
 * ..data/cancel.yaml`, `..data` a symlink swapped to a new timestamped directory) changes
 * `..data` inside the directory, which its own watch sees. No polling.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface RulesWatcher {
  close(): void;
}

export function watchRules(
  dir: string,
  debounceMs: number,
  onSettled: () => void,
  onError: (error: Error) => void,
): RulesWatcher {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let dirWatcher: FSWatcher | undefined;
  const changed = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(settled, debounceMs);
  };
  /** Watches what `dir` names now; nothing while it is missing (the parent sees it come back). */
  const arm = () => {
    dirWatcher?.close();
    dirWatcher = undefined;
    try {
      dirWatcher = watch(dir, changed);
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') onError(error as Error);
      return;
    }
    // E.g. the directory was removed under the watch (EPERM on Windows): watch again later.
    dirWatcher.on('error', changed);
  };
  const settled = () => {
    arm();
    onSettled();
  };

  dirWatcher = watch(dir, changed); // at start the directory is there: a failure is the caller's
  dirWatcher.on('error', changed);
  const name = basename(dir);
  let parentWatcher: FSWatcher | undefined;
  try {
    parentWatcher = watch(dirname(dir), (_event, entry) => {
      if (entry === null || entry.toString() === name) changed();
    });
    parentWatcher.on('error', (error) => onError(parentError(dir, error)));
  } catch (error) {
    onError(parentError(dir, error as Error));
  }
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      dirWatcher?.close();
      parentWatcher?.close();
    },
  };
}

function parentError(dir: string, error: Error): Error {
  return new Error(
    `cannot watch ${dirname(dir)}: changes inside ${dir} reload the rules, but replacing the directory itself does not (${error.message})`,
    { cause: error },
  );
}
