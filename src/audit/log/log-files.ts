/**
 * The files that make up a decision log `FILE`: the log itself and its side files. Commands
 * that write other files (`--out`) refuse every one of these, so no output can replace them.
 */

/** `FILE.head`: the commitment, the last entry a writer finished appending (signed with --log-key). */
export function headPathOf(file: string): string {
  return `${file}.head`;
}

/** `FILE.lock`: the directory proper-lockfile holds while a writer appends. */
export function lockPathOf(file: string): string {
  return `${file}.lock`;
}

/** `FILE.uncommitted`: where a writer moves what it finds past the head before it appends. */
export function uncommittedPathOf(file: string): string {
  return `${file}.uncommitted`;
}

/** Prefix of the head file's temporary copies while it is being replaced. */
export function headTemporaryPrefixOf(file: string): string {
  return `${headPathOf(file)}.`;
}

/** The log and every side file beside it, as paths built from `file`. */
export function logFilesOf(file: string): string[] {
  return [file, headPathOf(file), lockPathOf(file), uncommittedPathOf(file)];
}
