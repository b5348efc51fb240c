/**
 * The files of a directory whose names match, in plain code-unit order (the same on every
 * machine and locale). Symbolic links are followed, as a ConfigMap mount needs
 * (`cancel.yaml -> ..data/cancel.yaml`, `..data -> ..2026_12_01`): a link to a directory is a
 * directory and is left out like one; a link that leads nowhere or loops is listed, so reading it
 * fails with its reason instead of the file being skipped without a word.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export async function matchingFiles(
  dir: string,
  matches: (name: string) => boolean,
): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!matches(entry.name) || entry.isDirectory()) continue;
    if (entry.isSymbolicLink()) {
      const target = await stat(join(dir, entry.name)).catch(() => undefined);
      if (target?.isDirectory()) continue;
    }
    names.push(entry.name);
  }
  return names.sort();
}
