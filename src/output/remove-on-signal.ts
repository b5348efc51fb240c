/**
 * Partial files are removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP) or exits
 * without committing them. The handlers are installed only while a partial exists, so they
 * never change how the process reacts to a signal otherwise; after removing the partials
 * they re-raise the signal with its default action, so the exit status stays 128 + n — unless
 * another handler owns the signal (serve's graceful shutdown), which then decides.
 */
import { rmSync } from 'node:fs';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const partials = new Set<string>();

/** Remove `path` if the process is interrupted before `forget(path)`. */
export function removeOnSignal(path: string): void {
  if (partials.size === 0) install();
  partials.add(path);
}

/** `path` was renamed into place or removed: nothing to clean up for it any more. */
export function forget(path: string): void {
  if (!partials.delete(path) || partials.size > 0) return;
  uninstall();
}

function install(): void {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', removeAll);
}

function uninstall(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off('exit', removeAll);
}

function removeAll(): void {
  for (const path of partials) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Already exiting: the next run with the same --out removes what is left (partial-file.ts).
    }
  }
  partials.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  // Someone else handles this signal (serve's graceful shutdown): the process is not ending on
  // it now, and the writes in progress finish or clean up on their own path ('exit' still
  // removes what is left). Killing the process here would cut every request short.
  if (process.listenerCount(signal) > 1) return;
  removeAll();
  uninstall();
  // With our handler gone, the signal's default action ends the process as the shell expects.
  process.kill(process.pid, signal);
}
