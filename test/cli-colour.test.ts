import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli/index.js';
import { repoRoot } from './helpers.js';

function io(isTTY: boolean, env: NodeJS.ProcessEnv = {}): CliIo & { out: () => string } {
  let out = '';
  return {
    cwd: repoRoot,
    stdin: Readable.from([]),
    stdout: { isTTY, write: (text: string) => (out += text) },
    stderr: { isTTY, write: () => true },
    env,
    out: () => out,
  };
}

const ANSI = /\u001b\[\d+m/;

describe('colour only on a terminal', () => {
  it('colours the text output when stdout is a terminal', async () => {
    const terminal = io(true, { TERM: 'xterm-256color' });
    expect(await runCli(['evaluate', 'examples/blocked.yaml'], terminal)).toBe(0);
    expect(terminal.out()).toMatch(ANSI);
  });

  it('never colours with NO_COLOR, with TERM=dumb, or through a pipe', async () => {
    for (const target of [
      io(true, { NO_COLOR: '1' }),
      io(true, { TERM: 'dumb' }),
      io(false, { TERM: 'xterm' }),
    ]) {
      expect(await runCli(['evaluate', 'examples/blocked.yaml'], target)).toBe(0);
      expect(target.out()).not.toMatch(ANSI);
      expect(target.out()).toContain('✗ 注销账号（cancel）：不可以');
    }
  });

  it('never colours JSON', async () => {
    const terminal = io(true, { TERM: 'xterm' });
    expect(await runCli(['evaluate', 'examples/blocked.yaml', '--format', 'json'], terminal)).toBe(
      0,
    );
    expect(terminal.out()).not.toMatch(ANSI);
  });
});
