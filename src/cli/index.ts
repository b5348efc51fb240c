/**
 * account-policy/cli: the command-line shell as a library, apart from the main entry so that
 * importing the library does not load commander. `runCli(argv, io)` is what bin/main runs.
 */
export { runCli, EXIT } from './program.js';
export type { CliIo } from './io.js';
