/** `account-policy verify-log`: is a decision log's chain intact, and does it end where its head file says? */
import { verifyLog, type LogVerification } from '../../audit/log/verify-log.js';
import { formatDiagnostic } from '../../diagnostics.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';
import { formatOption } from '../options.js';

export interface VerifyLogCommandOptions {
  file: string;
  format: 'text' | 'json';
  cwd: string;
}

/** Exit 0 when intact, 1 when broken; an unreadable log throws InvalidInputError (exit 2). */
export async function verifyLogCommand(options: VerifyLogCommandOptions): Promise<CommandOutcome> {
  const verification = await verifyLog(options.file, { cwd: options.cwd });
  const exitCode = verification.ok ? EXIT.ok : EXIT.failed;
  if (options.format === 'json') return { stdout: `${JSON.stringify(verification, null, 2)}\n`, exitCode };
  const stderr = verification.warnings.map((d) => `account-policy: ${formatDiagnostic(d)}\n`).join('');
  return { stdout: `${verificationText(verification)}\n`, stderr, exitCode };
}

export function verificationText(verification: LogVerification): string {
  const { file, entries, last } = verification;
  const count = `${entries} ${entries === 1 ? 'entry' : 'entries'}`;
  if (verification.ok) return `✓ ${file}: ${count}, chain intact (head seq ${last.seq}, hash ${last.hash})`;
  const { problem } = verification;
  return [
    `✗ ${problem.file}:${problem.line}: ${problem.kind}: ${problem.message}`,
    `  ${count} before it ${entries === 1 ? 'is' : 'are'} intact; docs/decision-log.md says what each problem means and what to do`,
  ].join('\n');
}

export const defineVerifyLog: DefineCommand = (program, { io, done }) => {
  program
    .command('verify-log')
    .description('check that a decision log is intact: every entry unchanged, none removed, reordered or cut off its end (exit 1 if not)')
    .argument('<file>', 'the decision log (NDJSON), with its head file FILE.head beside it')
    .addOption(formatOption())
    .action(async (file, flags) => done(await verifyLogCommand({ file, ...flags, cwd: io.cwd })));
};
