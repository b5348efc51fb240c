/**
 * --watch: reload the rules when a file in their directory changes. Editors write a file in
 * several steps (and often several files), so a reload starts only after a quiet period.
 */
import { watch, type FSWatcher } from 'node:fs';

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
  const watcher: FSWatcher = watch(dir, () => {
    clearTimeout(timer);
    timer = setTimeout(onSettled, debounceMs);
  });
  watcher.on('error', onError);
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
