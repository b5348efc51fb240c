/** Where the package's own data lives, found from this module so it works from src/ and dist/. */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));

export const paths = {
  packageRoot,
  /** The shipped rule set: the default for every command and for loadPolicy(). */
  rules: fileURLToPath(new URL('../rules/', import.meta.url)),
  schemas: fileURLToPath(new URL('../schemas/', import.meta.url)),
} as const;

/** The shipped rules/ as a user in `cwd` would type it: relative when inside cwd, else absolute. */
export function shippedRulesFrom(cwd: string): string {
  const path = relative(cwd, paths.rules);
  return path === '' ? '.' : path.startsWith('..') || isAbsolute(path) ? paths.rules : path;
}
