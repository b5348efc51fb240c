// The benchmarks' server: the real CLI, `account-policy serve --port 0 …args`, resolved once it
// logs the address it listens on; its request log keeps being drained.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

export function startServer(args = []) {
  const child = spawn(
    process.execPath,
    [`${root}dist/cli/main.js`, 'serve', '--port', '0', ...args],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen)?.[1];
      if (url) {
        seen = '';
        child.stderr.off('data', onData).resume(); // keep draining the request log
        resolve({ child, url, exited });
      }
    };
    child.stderr.setEncoding('utf8').on('data', onData);
    exited.then((code) =>
      reject(new Error(`the server exited (${code}) before listening:\n${seen}`)),
    );
  });
}
