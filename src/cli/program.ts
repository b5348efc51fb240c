/**
 * The program: global flags, the command table, and the one place where outcomes become output
 * and exit statuses: 0 done; 2 invalid input or usage (diagnostics on stderr, nothing on
 * stdout); 1 an internal error (a bug), or a command's own "failed" (e.g. a rule test failed);
 * 141 stdout was closed by its reader before the output was complete.
 */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { LogWriteError } from '../audit/log/log-write-error.js';
import { formatDiagnostic, InvalidInputError, type Diagnostic } from '../diagnostics.js';
import { NOW_HINT } from '../facts/check-times.js';
import { OutputClosedError } from '../output/output.js';
import { packageInfo } from '../package-info.js';
import type { Lang } from '../lang.js';
import { EXIT, type CommandContext, type CommandOutcome, type DefineCommand } from './command.js';
import { defineAnalyze } from './commands/analyze.js';
import { refuseRepeatedFlags } from './options.js';
import { defineBatch } from './commands/batch.js';
import { defineCheck } from './commands/check.js';
import { defineDiff } from './commands/diff.js';
import { defineEvaluate } from './commands/evaluate.js';
import { defineLogHead } from './commands/log-head.js';
import { defineReport } from './commands/report.js';
import { defineServe } from './commands/serve.js';
import { defineTest } from './commands/test.js';
import { defineVerifyLog } from './commands/verify-log.js';
import type { CliIo } from './io.js';

export { EXIT };
export type { CommandOutcome };

/** The command table: one entry per subcommand, each in its own file under commands/. */
const COMMANDS: readonly DefineCommand[] = [
  defineEvaluate,
  defineCheck,
  defineAnalyze,
  defineDiff,
  defineTest,
  defineBatch,
  defineVerifyLog,
  defineLogHead,
  defineReport,
  defineServe,
];

function output(io: CliIo) {
  return {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => write(`account-policy: ${text}`),
  };
}

function buildProgram(io: CliIo, context: Omit<CommandContext, 'io'>): Command {
  const program = new Command('account-policy')
    .description(
      'Decide whether a WeChat-style account may be cancelled (注销), a binding unbound (解绑), a pending cancellation withdrawn, or the phone number reused — with reasons.',
    )
    .version(packageInfo.version)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput(output(io));

  // Subcommands inherit exitOverride, the output configuration and showHelpAfterError.
  for (const define of COMMANDS) define(program, { io, ...context });
  for (const command of program.commands) refuseRepeatedFlags(command);
  return program;
}

/** The library names its option `now`; on the command line it is the flag --now. */
function withFlagHint(d: Diagnostic): Diagnostic {
  return d.code === 'inconsistent-time' && d.message.endsWith(`(${NOW_HINT})`)
    ? { ...d, message: d.message.replace(`(${NOW_HINT})`, '(pass --now, or fix the timestamp)') }
    : d;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let outcome: CommandOutcome | undefined;
  let lang: Lang = 'en';
  const context = {
    done: (result: CommandOutcome) => (outcome = result),
    useLang: (chosen: Lang) => (lang = chosen),
  };
  try {
    await buildProgram(io, context).parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help) to stderr/stdout.
      const informational =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help';
      return informational && error.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
    }
    if (error instanceof InvalidInputError) {
      io.stderr.write(
        `${error.diagnostics.map((d) => `account-policy: ${formatDiagnostic(withFlagHint(d), lang)}`).join('\n')}\n`,
      );
      return EXIT.invalidInput;
    }
    // Silent, as a process killed by SIGPIPE is: whoever closed the pipe did not want more.
    if (error instanceof OutputClosedError) return EXIT.outputClosed;
    if (error instanceof LogWriteError) {
      io.stderr.write(
        `account-policy: cannot write the decision log, so no decision is reported: ${error.message}\n`,
      );
      return EXIT.failed;
    }
    io.stderr.write(
      `account-policy: internal error (a bug; please report it with the input that caused it):\n${(error as Error).stack ?? String(error)}\n`,
    );
    return EXIT.failed;
  }
  if (!outcome) return EXIT.ok;
  io.stdout.write(outcome.stdout);
  if (outcome.stderr) io.stderr.write(outcome.stderr);
  return outcome.exitCode;
}
