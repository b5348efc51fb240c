/**
 * Canonical JSON (RFC 8785: sorted keys, one number form, no white space) and sha256 over it:
 * the same data always has the same digest, whatever its formatting, key order, or whether it
 * came as JSON or YAML.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

// canonicalize 2.x is CommonJS (module.exports = function) but ships ESM-style types, which
// NodeNext reads as "not callable"; require() gives the function with its real type.
const canonicalize = createRequire(import.meta.url)('canonicalize') as (
  input: unknown,
) => string | undefined;

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('cannot canonicalize undefined');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** "sha256:<hex>" of the canonical JSON of `value`. */
export function digestOf(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}
