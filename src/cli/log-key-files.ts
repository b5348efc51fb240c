/**
 * The files the log flags name — `--log-key` (an Ed25519 private key), `--public-key` (trusted
 * public keys) and `--anchor` (a head kept elsewhere) — read and checked once, before any work,
 * so a bad one is a usage error (exit 2) rather than a failure half-way.
 */
import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { publicKeyOf, signingKeyOf, type SigningKey } from '../audit/log/head-signature.js';
import type { LogHead } from '../audit/log/log-entry.js';
import { parseHead } from '../audit/log/log-head.js';
import { InvalidInputError, readFailed, type DiagnosticCode } from '../diagnostics.js';

export async function readSigningKey(
  file: string | undefined,
  cwd: string,
): Promise<SigningKey | undefined> {
  if (file === undefined) return undefined;
  const pem = await readOrRefuse(file, cwd);
  return parsed(file, 'bad-key', () => signingKeyOf(pem));
}

export async function readPublicKeys(
  files: readonly string[] | undefined,
  cwd: string,
): Promise<KeyObject[] | undefined> {
  if (files === undefined || files.length === 0) return undefined;
  const keys: KeyObject[] = [];
  for (const file of files) {
    const pem = await readOrRefuse(file, cwd);
    keys.push(parsed(file, 'bad-key', () => publicKeyOf(pem)));
  }
  return keys;
}

/** An anchor is what `log-head` printed: `{"seq":N,"hash":"…"}`, signed or not. */
export async function readAnchor(
  file: string | undefined,
  cwd: string,
): Promise<LogHead | undefined> {
  if (file === undefined) return undefined;
  const text = await readOrRefuse(file, cwd);
  return parsed(file, 'bad-anchor', () => {
    const head = parseHead(text.trim(), { exact: false });
    if (!head)
      throw new Error(
        'not an anchor: expected the JSON that `account-policy log-head` prints, {"seq":N,"hash":"<64 hex>"}',
      );
    return { seq: head.seq, hash: head.hash };
  });
}

async function readOrRefuse(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new InvalidInputError([readFailed(file, error)]);
  }
}

function parsed<T>(file: string, code: DiagnosticCode, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new InvalidInputError([
      { severity: 'error', code, message: (error as Error).message, file },
    ]);
  }
}
