/** `account-policy log-head`: the log's committed head, as JSON to keep elsewhere as an anchor. */
import { LogWriteError } from '../../audit/log/log-write-error.js';
import { headText } from '../../audit/log/log-head.js';
import { readLogHead } from '../../audit/log/read-log-head.js';
import { InvalidInputError, formatDiagnostic, readFailed } from '../../diagnostics.js';
import type { CliIo } from '../io.js';
import { EXIT, type CommandOutcome, type DefineCommand } from '../command.js';

export interface LogHeadCommandOptions {
  file: string;
}

/** Exit 0 with the head on stdout; 1 when the log's end does not match its head; 2 unreadable. */
export async function logHeadCommand(
  options: LogHeadCommandOptions,
  io: CliIo,
): Promise<CommandOutcome> {
  let reading;
  try {
    reading = await readLogHead(options.file, { cwd: io.cwd });
  } catch (error) {
    if (error instanceof LogWriteError)
      return { stdout: '', stderr: `account-policy: ${error.message}\n`, exitCode: EXIT.failed };
    const { code, path } = error as NodeJS.ErrnoException;
    if (typeof code !== 'string') throw error;
    // Say which of the two files could not be read: the log or its head.
    throw new InvalidInputError([
      readFailed(path?.endsWith('.head') ? `${options.file}.head` : options.file, error),
    ]);
  }
  const { head, uncommittedLines } = reading;
  const stderr =
    uncommittedLines === 0
      ? ''
      : `account-policy: ${formatDiagnostic({ severity: 'warning', code: 'log-uncommitted', file: options.file, message: `${uncommittedLines} line${uncommittedLines === 1 ? '' : 's'} past the head (seq ${head.seq}) are not committed; the next append moves them to ${options.file}.uncommitted` })}\n`;
  return { stdout: headText(head), stderr, exitCode: EXIT.ok };
}

export const defineLogHead: DefineCommand = (program, { io, done }) => {
  program
    .command('log-head')
    .description(
      "print the decision log's committed head as JSON (seq, hash, and the signature when signed): keep it elsewhere, then check the log against it with verify-log --anchor",
    )
    .argument('<file>', 'the decision log (NDJSON), with its head file FILE.head beside it')
    .action(async (file) => done(await logHeadCommand({ file }, io)));
};
