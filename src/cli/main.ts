#!/usr/bin/env node
/** The `account-policy` executable: the real process around runCli. */
import { EXIT, runCli } from './program.js';

// A reader that stops early (`| head -1`) closes stdout: the output is incomplete, so that is
// not success. Node ignores SIGPIPE, so it arrives as EPIPE; exit as a shell reports SIGPIPE.
// A streaming command (batch) sees the error in its own writes and stops there.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
  process.exitCode = EXIT.outputClosed;
});
// A closed stderr only loses messages; the result (stdout or --out) is still whole.
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const status = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = stdoutClosed ? EXIT.outputClosed : status;
