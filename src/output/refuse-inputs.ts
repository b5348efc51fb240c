/**
 * Refuses an `--out` that is one of the command's inputs — by final real path (so a symlink
 * counts) or, for a file already there, by device and inode (so a hard link counts) — before
 * any work, so the output can never replace what it was made from.
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { InvalidInputError } from '../diagnostics.js';
import { guardsOf, type CommandInputs, type Guard } from './command-inputs.js';

/** `--out` as typed, and where it really leads (its final real path, and its stats when it exists). */
export interface FileTarget {
  out: string;
  path: string;
  existing: Stats | undefined;
}

/** Throws `out-is-input` (exit 2) naming the input when `target` is one of `inputs`. */
export async function refuseInputs(
  target: FileTarget,
  inputs: CommandInputs,
  cwd: string,
): Promise<void> {
  const guards = await guardsOf(inputs, cwd);
  const byPath = guards.find((guard) => coversPath(guard, target.path));
  if (byPath) {
    const through = target.path === resolve(cwd, target.out) ? '' : ` (it leads to ${target.path})`;
    throw outIsInput(target.out, `${byPath.what}${through}`);
  }
  const byInode = target.existing && (await findHardLink(guards, target.existing));
  if (byInode)
    throw outIsInput(
      target.out,
      byInode.scope === 'inode' ? byInode.what : `${byInode.what} (a hard link to the same file)`,
    );
}

function coversPath(guard: Guard, path: string): boolean {
  switch (guard.scope) {
    case 'file':
      return path === guard.path;
    case 'tree':
      return path.startsWith(`${guard.path}${sep}`);
    case 'names':
      return dirname(path) === guard.path && guard.matches(basename(path));
    case 'inode':
      return false;
  }
}

async function findHardLink(guards: readonly Guard[], target: Stats): Promise<Guard | undefined> {
  for (const guard of guards) {
    for (const file of await identitiesOf(guard, target))
      if (file.dev === target.dev && file.ino === target.ino) return guard;
  }
  return undefined;
}

type Identity = { dev: number; ino: number };

async function identitiesOf(guard: Guard, target: Stats): Promise<Identity[]> {
  switch (guard.scope) {
    case 'inode':
      return [guard];
    case 'file':
      return statAll([guard.path]);
    default:
      // A file with one link has no other name: only its path (checked already) can reach it.
      return target.nlink > 1 ? statAll(await filesUnder(guard)) : [];
  }
}

/** The files a `tree` or `names` guard covers. */
async function filesUnder(guard: Guard & { scope: 'tree' | 'names' }): Promise<string[]> {
  const names = await readdir(guard.path, { recursive: guard.scope === 'tree' }).catch(
    () => [] as string[],
  );
  return (guard.scope === 'names' ? names.filter(guard.matches) : names).map((name) =>
    join(guard.path, name),
  );
}

async function statAll(files: readonly string[]): Promise<Identity[]> {
  const stats = await Promise.all(files.map((file) => stat(file).catch(() => undefined)));
  return stats.filter((s): s is Stats => s !== undefined);
}

function outIsInput(out: string, what: string): InvalidInputError {
  return new InvalidInputError([
    {
      severity: 'error',
      code: 'out-is-input',
      message: `--out names ${what}: an output must never replace or add to what the command reads; choose another file for --out`,
      file: out,
    },
  ]);
}
