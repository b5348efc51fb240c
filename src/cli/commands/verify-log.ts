/** `account-policy verify-log`: is a decision log's committed chain intact, byte for byte, and ending at its head? */
import { verifyLog, type LogVerification } from '../../audit/log/verify-log.js';
import { formatDiagnostic } from '../../diagnostics.js';
import type { CliIo } from '../io.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import { readAnchor, readPublicKeys } from '../log-key-files.js';
import { formatOption } from '../options.js';

export interface VerifyLogCommandOptions {
  file: string;
  format: 'text' | 'json';
  /** A file holding a head kept elsewhere (log-head output). */
  anchor?: string | undefined;
  /** PEM files of trusted Ed25519 public keys. */
  publicKey?: string[] | undefined;
}

/** Exit 0 when intact, 1 when broken; an unreadable log, key or anchor throws InvalidInputError (exit 2). */
export async function verifyLogCommand(
  options: VerifyLogCommandOptions,
  io: CliIo,
): Promise<CommandOutcome> {
  const anchor = await readAnchor(options.anchor, io.cwd);
  const publicKeys = await readPublicKeys(options.publicKey, io.cwd);
  const verification = await verifyLog(options.file, { cwd: io.cwd, anchor, publicKeys });
  const exitCode = verification.ok ? EXIT.ok : EXIT.failed;
  if (options.format === 'json')
    return { stdout: `${JSON.stringify(verification, null, 2)}\n`, exitCode };
  const stderr = verification.warnings
    .map((d) => `account-policy: ${formatDiagnostic(d)}\n`)
    .join('');
  return { stdout: `${verificationText(verification, options)}\n`, stderr, exitCode };
}

export function verificationText(
  verification: LogVerification,
  options: Pick<VerifyLogCommandOptions, 'anchor' | 'publicKey'> = {},
): string {
  const { file, entries, last, problem } = verification;
  const count = `${entries} ${entries === 1 ? 'entry' : 'entries'}`;
  if (!problem) {
    const checks = [
      options.anchor ? `holds the anchor in ${options.anchor}` : '',
      options.publicKey?.length ? `head signed by ${verification.head?.keyId}` : '',
    ].filter(Boolean);
    return `✓ ${file}: ${count}, chain intact byte for byte (head seq ${last.seq}, hash ${last.hash})${checks.length ? `; ${checks.join('; ')}` : ''}`;
  }
  return [
    `✗ ${problem.file}:${problem.line}: ${problem.kind}: ${problem.message}`,
    `  ${count} before it ${entries === 1 ? 'is' : 'are'} intact; docs/decision-log.md says what each problem means and what to do`,
  ].join('\n');
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const defineVerifyLog: DefineCommand = (program, { io, done }) => {
  program
    .command('verify-log')
    .description(
      'check that a decision log is intact: every entry byte for byte as written, none removed, reordered, cut off or past the head (exit 1 if not)',
    )
    .argument('<file>', 'the decision log (NDJSON), with its head file FILE.head beside it')
    .addOption(formatOption())
    .option(
      '--anchor <file>',
      'a head kept elsewhere (what log-head printed): the committed chain must still hold it at its seq',
    )
    .option(
      '--public-key <pem>',
      'a trusted Ed25519 public key (repeat for several, e.g. while rotating): the head must be validly signed by one',
      collect,
    )
    .action(async (file, flags) => done(await verifyLogCommand({ file, ...flags }, io)));
};
