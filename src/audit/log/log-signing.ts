/** Signing heads: a signed log stays signed, and only by its own key. */
import {
  checkHeadSignature,
  signHead,
  type SignedHead,
  type SigningKey,
} from './head-signature.js';
import { type LogHead } from './log-entry.js';
import { type HeadFile } from './log-head.js';
import { LogWriteError } from './log-write-error.js';

/** A signed log stays signed, and only by a head its own key signed validly. */
export function checkSigning(file: string, headFile: HeadFile, key: SigningKey | undefined): void {
  if (headFile.state !== 'present' || headFile.head.signature === undefined) return;
  const { keyId } = headFile.head;
  if (!key)
    throw new LogWriteError(
      file,
      'signing',
      `${file}.head is signed (key ${keyId}): append with its signing key so the chain stays signed; nothing was appended`,
    );
  if (keyId === key.keyId && checkHeadSignature(headFile.head, [key.publicKey]) !== 'valid') {
    throw new LogWriteError(
      file,
      'broken-log',
      `${file}.head claims to be signed by this signing key, but its signature does not verify: it was rewritten; nothing was appended. Verify the log against its public key to find where`,
    );
  }
}

export function sign(head: LogHead, key: SigningKey | undefined): SignedHead {
  return key ? signHead(head, key) : { seq: head.seq, hash: head.hash };
}
