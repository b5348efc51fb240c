/** Shared test helpers: a snapshot factory with defaults, and the real CLI as a child process. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AccountSnapshot } from '../src/index.js';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const cliPath = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? DeepPartial<T[K]> | T[K] : T[K] };

/**
 * An account that may cancel: Pay off, empty wallet, no bindings, no request, phone bound,
 * captured at 2026-11-24T00:00:00Z. Override any part; `pay` is merged one level deep.
 */
export function snapshot(overrides: DeepPartial<AccountSnapshot> & Record<string, unknown> = {}): AccountSnapshot {
  const { pay, ...rest } = overrides;
  return {
    accountId: 'wxid_test',
    capturedAt: '2026-11-24T00:00:00Z',
    phone: '+86 138 0000 0000',
    authorizations: [],
    cancellation: null,
    ...rest,
    pay: { enabled: false, balanceFen: 0, pendingTransactions: 0, pendingRefunds: 0, bankCards: [], ...(pay as object | undefined) },
  } as AccountSnapshot;
}

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli/main.js ...args` (built by `npm test` before vitest starts). */
export function runCli(args: readonly string[], options: { stdin?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
