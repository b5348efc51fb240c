/** What every command file provides, and what a command hands back to the edge. */
import type { Command } from '@commander-js/extra-typings';
import type { Lang } from '../lang.js';
import type { CliIo } from './io.js';

/** `outputClosed`: stdout's reader went away (EPIPE) before the output was complete — 128 + SIGPIPE, as a shell reports it. */
export const EXIT = { ok: 0, failed: 1, invalidInput: 2, outputClosed: 141 } as const;

/**
 * A command's result: what to print, and its exit status. Commands return this rather than
 * printing, so that output appears only once the command has finished (never half-written).
 * `exitCode` 1 here means the command's own "failed" (e.g. a rule test failed), not a bug.
 */
export interface CommandOutcome {
  stdout: string;
  stderr?: string;
  exitCode: (typeof EXIT)[keyof typeof EXIT];
}

export interface CommandContext {
  io: CliIo;
  /** Called by the command's action with its outcome. */
  done(outcome: CommandOutcome): void;
  /** The language diagnostics the command throws are printed in (default en); its --lang. */
  useLang(lang: Lang): void;
}

/** Adds one subcommand (its flags and its action) to the program. */
export type DefineCommand = (program: Command, context: CommandContext) => void;
