/**
 * A rule test's `snapshotFile` must lead to a file under the rule directory, its final real path
 * included: `../../../../etc/passwd`, or a link out of the directory, is neither read nor shown.
 */
import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { InvalidInputError } from '../diagnostics.js';

/** Throws InvalidInputError (bad-rule-test) when `path` leads outside `rulesDir`. */
export async function refuseOutsideRules(
  path: string,
  named: string,
  context: { cwd: string; rulesDir: string },
): Promise<void> {
  const real = (p: string) =>
    realpath(resolve(context.cwd, p)).catch(() => resolve(context.cwd, p));
  const [file, rules] = await Promise.all([real(path), real(context.rulesDir)]);
  if (file.startsWith(`${rules}${sep}`)) return;
  throw new InvalidInputError([
    {
      severity: 'error',
      code: 'bad-rule-test',
      message: `snapshotFile ${JSON.stringify(named)} leads outside the rule directory ${context.rulesDir}: a fixture must be a file under it (e.g. tests/fixtures/)`,
    },
  ]);
}
