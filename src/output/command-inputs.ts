/**
 * What a command reads, as guards `--out` must not touch: the input files (and every snapshot
 * file a directory input would be read for), the rule directory, the decision log with its
 * side files, stdin when it is a file, and any other file the caller names (e.g. a key).
 */
import { fstat, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  headPathOf,
  headTemporaryPrefixOf,
  lockPathOf,
  logFilesOf,
  uncommittedPathOf,
} from '../audit/log/log-files.js';
import { isSnapshotFile } from '../load/read-snapshots.js';
import { paths } from '../paths.js';
import { finalPath } from './out-target.js';

export interface CommandInputs {
  /** Input sources as given: files, directories (every snapshot file they would be read for), "-" (stdin). */
  sources?: readonly string[] | undefined;
  /** The rule directory: nothing under it may be written (a new file would break the set). Default: the shipped rules/. */
  rules?: string | undefined;
  /**
   * 'top-level': only the rule directory itself is guarded, where the rule files are; its
   * subdirectories (tests/) may be written. For `analyze --write-tests`. Default: 'tree'.
   */
  rulesScope?: 'tree' | 'top-level' | undefined;
  /** A decision log: the log, FILE.head, FILE.lock, FILE.uncommitted and the head's temporary copies. */
  log?: string | undefined;
  /** Other files the command reads or guards (e.g. a key file), each with how a message names it. */
  files?: readonly { path: string; what: string }[] | undefined;
  /** Read for "-"; guarded when it is a regular file (`< records.ndjson`). */
  stdin?: NodeJS.ReadableStream | undefined;
}

/** One thing `--out` must not name; `path` is a final real path (of a directory for `tree` and `names`). */
export type Guard = { what: string } & (
  | { scope: 'file'; path: string }
  | { scope: 'tree'; path: string }
  | { scope: 'names'; path: string; matches: (name: string) => boolean }
  | { scope: 'inode'; dev: number; ino: number }
);

export async function guardsOf(inputs: CommandInputs, cwd: string): Promise<Guard[]> {
  const guards: Guard[] = [];
  for (const source of inputs.sources ?? [])
    guards.push(...(await sourceGuards(source, inputs.stdin, cwd)));
  const rules =
    inputs.rules === undefined
      ? `the shipped rule directory ${paths.rules.replace(/\/$/, '')}`
      : `the rule directory ${inputs.rules} (--rules)`;
  const rulesPath = await finalPath(resolve(cwd, inputs.rules ?? paths.rules));
  guards.push(
    inputs.rulesScope === 'top-level'
      ? { scope: 'names', path: rulesPath, matches: () => true, what: `a file in ${rules}` }
      : { scope: 'tree', path: rulesPath, what: `a file in ${rules}` },
  );
  if (inputs.log !== undefined) guards.push(...(await logGuards(inputs.log, cwd)));
  for (const file of inputs.files ?? [])
    guards.push({ scope: 'file', path: await finalPath(resolve(cwd, file.path)), what: file.what });
  return guards;
}

async function sourceGuards(
  source: string,
  stdin: NodeJS.ReadableStream | undefined,
  cwd: string,
): Promise<Guard[]> {
  if (source === '-') {
    const stats = await stdinStats(stdin);
    return stats?.isFile()
      ? [{ scope: 'inode', dev: stats.dev, ino: stats.ino, what: 'the file read on stdin (-)' }]
      : [];
  }
  const path = await finalPath(resolve(cwd, source));
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isDirectory()) return [{ scope: 'file', path, what: `the input ${source}` }];
  return [
    {
      scope: 'names',
      path,
      matches: isSnapshotFile,
      what: `a snapshot file in the input directory ${source} (every .json, .yaml and .yml file there is read)`,
    },
  ];
}

/** Both the log as named and, when that is a symlink, the file it points to, with their side files. */
async function logGuards(log: string, cwd: string): Promise<Guard[]> {
  const named = resolve(cwd, log);
  const guards: Guard[] = [];
  for (const file of new Set([named, await finalPath(named)])) {
    for (const side of logFilesOf(file))
      guards.push({
        scope: 'file',
        path: await finalPath(side),
        what: `${sideFileLabel(file, side)} (--log ${log})`,
      });
    // The lock is a directory while a writer holds it; a file put inside would keep it from being released.
    guards.push({
      scope: 'tree',
      path: await finalPath(lockPathOf(file)),
      what: `a file in the decision log's lock (--log ${log})`,
    });
    const prefix = headTemporaryPrefixOf(file);
    guards.push({
      scope: 'names',
      path: await finalPath(dirname(prefix)),
      matches: (name) => name.startsWith(basename(prefix)),
      what: `a temporary copy of the decision log's head file (--log ${log})`,
    });
  }
  return guards;
}

function sideFileLabel(file: string, side: string): string {
  if (side === file) return 'the decision log';
  if (side === headPathOf(file)) return "the decision log's head file";
  if (side === lockPathOf(file)) return "the decision log's lock";
  if (side === uncommittedPathOf(file)) return "the decision log's uncommitted entries";
  return `the decision log's side file ${basename(side)}`;
}

async function stdinStats(stdin: NodeJS.ReadableStream | undefined): Promise<Stats | undefined> {
  const fd = (stdin as { fd?: unknown } | undefined)?.fd;
  if (typeof fd !== 'number') return undefined;
  return promisify(fstat)(fd).catch(() => undefined);
}
