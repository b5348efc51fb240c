/**
 * The head file `FILE.head`: the commitment. It names the last entry a writer finished
 * appending, `{"seq":N,"hash":"…"}` (with `keyId` and `signature` when signed); what lies past it
 * in the log is uncommitted. It is replaced atomically (write a temporary file, fsync, rename,
 * fsync the directory), so a crash leaves the old head or the new one, never half of either.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GENESIS_HASH, HEX64, isObject } from './log-entry.js';
import { headPathOf, headTemporaryPrefixOf } from './log-files.js';
import type { SignedHead } from './head-signature.js';

export { headPathOf };

export type HeadFile =
  { state: 'missing' } | { state: 'present'; head: SignedHead } | { state: 'malformed' };

/** The head file's exact text: keys in this order, newline at the end. */
export function headText(head: SignedHead): string {
  const signed =
    head.signature === undefined
      ? ''
      : `,"keyId":${JSON.stringify(head.keyId)},"signature":${JSON.stringify(head.signature)}`;
  return `{"seq":${head.seq},"hash":"${head.hash}"${signed}}\n`;
}

/** Reads a head file's (or an anchor's) text; undefined unless it is exactly what headText writes. */
export function parseHead(text: string, { exact = true } = {}): SignedHead | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const { seq, hash, keyId, signature } = value;
  if (!(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0)) return undefined;
  if (!(typeof hash === 'string' && HEX64.test(hash))) return undefined;
  if (seq === 0 && hash !== GENESIS_HASH) return undefined;
  // One spelling per signature: padded standard base64 of 64 bytes, as the writer writes it.
  const signed =
    typeof keyId === 'string' &&
    /^ed25519:[0-9a-f]{32}$/.test(keyId) &&
    typeof signature === 'string' &&
    /^[A-Za-z0-9+/]{85}[AQgw]==$/.test(signature);
  if (!signed && (keyId !== undefined || signature !== undefined)) return undefined;
  const head: SignedHead = signed ? { seq, hash, keyId, signature } : { seq, hash };
  if (exact && headText(head) !== text) return undefined;
  return head;
}

/** Reads FILE.head; throws the file system's error for anything but "it does not exist". */
export async function readHeadFile(file: string): Promise<HeadFile> {
  let text: string;
  try {
    text = await readFile(headPathOf(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  const head = parseHead(text);
  return head ? { state: 'present', head } : { state: 'malformed' };
}

/** Replaces FILE.head with `head`, durably; the caller holds the log's lock. */
export async function writeHeadFile(file: string, head: SignedHead): Promise<void> {
  const target = headPathOf(file);
  const temporary = `${headTemporaryPrefixOf(file)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // O_NOFOLLOW|O_EXCL: a link planted at the temporary name cannot redirect the write.
    const handle = await open(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o644,
    );
    try {
      await handle.writeFile(headText(head));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(target));
}

/**
 * Makes a directory's entries (a new file, a rename) durable. Some platforms cannot open or
 * fsync a directory (Windows); there the rename is as durable as the platform allows.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (['EISDIR', 'EPERM', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!['EINVAL', 'EPERM', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? ''))
      throw error;
  } finally {
    await handle.close();
  }
}
