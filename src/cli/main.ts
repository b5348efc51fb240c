#!/usr/bin/env node
/** The `account-policy` executable: the real process around runCli. */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
