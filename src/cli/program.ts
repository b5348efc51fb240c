/**
 * The command table. Each command parses its flags here and calls one function in commands/;
 * output and exit statuses are decided once, in runCli: 0 done, 2 invalid input or usage
 * (message on stderr, nothing on stdout), 1 an internal error (a bug).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import { formatDiagnostic, InvalidInputError } from '../diagnostics.js';
import { paths } from '../paths.js';
import { evaluateCommand } from './commands/evaluate.js';
import { wantsColor, type CliIo } from './io.js';

export const EXIT = { ok: 0, internalError: 1, invalidInput: 2 } as const;

const version = (JSON.parse(readFileSync(join(paths.packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

type Output = { stdout: string };

function output(io: CliIo) {
  return {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => write(`account-policy: ${text}`),
  };
}

function buildProgram(io: CliIo, done: (output: Output) => void): Command {
  const program = new Command('account-policy')
    .description('Decide whether a WeChat-style account may be cancelled (注销), a binding unbound (解绑), a pending cancellation withdrawn, or the phone number reused — with reasons.')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput(output(io));

  program
    .command('evaluate')
    .description('evaluate every policy for one account snapshot (JSON or YAML)')
    .argument('<snapshot>', 'snapshot file (.json, .yaml, .yml), or - for stdin')
    .option('--now <time>', 'evaluation time, RFC 3339 with a zone offset (default: the snapshot\'s capturedAt, else the current time)')
    .option('--unbind <binding-id>', 'also decide whether this bank card or authorization may be unbound')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json'] as const).default('text' as const))
    .addOption(new Option('--lang <lang>', 'language of reasons').choices(['zh-CN', 'en'] as const).default('zh-CN' as const))
    .option('--rules <dir>', 'rule directory (default: the shipped rules/)')
    .exitOverride()
    .action(async (snapshot, flags) => {
      done({
        stdout: await evaluateCommand({ snapshot, ...flags, color: wantsColor(io), cwd: io.cwd, stdin: io.stdin }),
      });
    });

  for (const command of program.commands) {
    command.configureOutput(output(io));
  }
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let output: Output | undefined;
  try {
    await buildProgram(io, (result) => (output = result)).parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help) to stderr/stdout.
      const informational = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      return informational && error.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
    }
    if (error instanceof InvalidInputError) {
      io.stderr.write(`${error.diagnostics.map((d) => `account-policy: ${formatDiagnostic(d)}`).join('\n')}\n`);
      return EXIT.invalidInput;
    }
    io.stderr.write(`account-policy: internal error (a bug; please report it with the input that caused it):\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internalError;
  }
  if (output) io.stdout.write(output.stdout);
  return EXIT.ok;
}
