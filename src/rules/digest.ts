import { createHash } from 'node:crypto';

/**
 * sha256 over the rule files in name order: for each, its name, its byte length and its bytes,
 * with CRLF turned into LF so a checkout on any machine gives the same digest.
 */
export function ruleSetDigest(files: ReadonlyArray<{ name: string; text: string }>): string {
  const hash = createHash('sha256');
  for (const { name, text } of [...files].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    const bytes = Buffer.from(text.replace(/\r\n/g, '\n'), 'utf8');
    hash.update(`${name}\n${bytes.length}\n`);
    hash.update(bytes);
  }
  return `sha256:${hash.digest('hex')}`;
}
