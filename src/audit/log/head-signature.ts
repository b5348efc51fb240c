/**
 * Signed heads (`--log-key`, `verify-log --public-key`): an Ed25519 signature (node:crypto) over
 * the head's seq and hash. Someone who can rewrite the log and its head file, but lacks the
 * private key, cannot make a head that verifies. The signed message is plain text, so any
 * Ed25519 tool checks it (docs/decision-log.md shows openssl doing so).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { LogHead } from './log-entry.js';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

/** A head as the head file holds it: signed ones name their key and carry the signature. */
export interface SignedHead extends LogHead {
  /** `ed25519:` and the first 32 hex digits of the sha256 of the public key (SPKI DER). */
  keyId?: string;
  /** Base64 Ed25519 signature of headMessage(head). */
  signature?: string;
}

/** The exact bytes that are signed. */
export function headMessage(head: LogHead): Buffer {
  return Buffer.from(
    `account-policy decision-log head v1\nseq ${head.seq}\nhash ${head.hash}\n`,
    'utf8',
  );
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 32)}`;
}

/** Reads an Ed25519 private key (PEM); throws an Error saying what is wrong with it. */
export function signingKeyOf(pem: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new Error(
      `not a PEM private key (${(error as Error).message}); make one with \`openssl genpkey -algorithm ed25519 -out log-key.pem\``,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(
      `an ${privateKey.asymmetricKeyType} key, not Ed25519; make one with \`openssl genpkey -algorithm ed25519\``,
    );
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** Reads an Ed25519 public key (PEM, or the private key it belongs to). */
export function publicKeyOf(pem: string): KeyObject {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem);
  } catch (error) {
    throw new Error(
      `not a PEM public key (${(error as Error).message}); export one with \`openssl pkey -in log-key.pem -pubout -out log-key.pub.pem\``,
    );
  }
  if (publicKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`an ${publicKey.asymmetricKeyType} key, not Ed25519`);
  return publicKey;
}

export function signHead(head: LogHead, key: SigningKey): SignedHead {
  const signature = sign(null, headMessage(head), key.privateKey).toString('base64');
  return { seq: head.seq, hash: head.hash, keyId: key.keyId, signature };
}

export type SignatureCheck = 'valid' | 'unsigned' | 'unknown-key' | 'invalid';

/** Checks a head's signature against the keys trusted, found by key id. */
export function checkHeadSignature(head: SignedHead, keys: readonly KeyObject[]): SignatureCheck {
  if (head.signature === undefined || head.keyId === undefined) return 'unsigned';
  const key = keys.find((candidate) => keyIdOf(candidate) === head.keyId);
  if (!key) return 'unknown-key';
  const signature = Buffer.from(head.signature, 'base64');
  return signature.length === 64 && verify(null, headMessage(head), key, signature)
    ? 'valid'
    : 'invalid';
}

/** Why a head fails the public keys given (`--public-key` in the CLI), for people; undefined when its signature is valid. */
export function signatureProblem(check: SignatureCheck, head: SignedHead): string | undefined {
  switch (check) {
    case 'valid':
      return undefined;
    case 'unsigned':
      return 'the head is not signed, yet a public key was given to check its signature: it was written without a signing key, or replaced by someone without the key';
    case 'unknown-key':
      return `the head is signed by key ${head.keyId}, which is none of the public keys given`;
    case 'invalid':
      return `the head's signature (key ${head.keyId}) does not verify: the head was rewritten by someone without the private key`;
  }
}
