/**
 * The progress bar `batch` draws on stderr when it is a terminal: bytes read against the
 * inputs' total size when that is known (files), otherwise a count of snapshots and a rate.
 */
import cliProgress from 'cli-progress';
import { totalBytes } from '../../load/read-snapshots.js';
import type { CliIo } from '../io.js';

export interface ProgressBar {
  update: (progress: { count: number; bytes: number }) => void;
  stop: () => void;
}

export async function progressBar(inputs: readonly string[], io: CliIo): Promise<ProgressBar> {
  const total = await totalBytes(inputs, io.cwd);
  const format =
    total === undefined
      ? 'batch {count} snapshots · {rate}/s'
      : 'batch [{bar}] {percentage}% · {count} snapshots · {rate}/s · ETA {eta_formatted}';
  const bar = new cliProgress.SingleBar(
    {
      format,
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total ?? 1, 0, { count: 0, rate: 0 });
  return {
    update: ({ count, bytes }: { count: number; bytes: number }) =>
      bar.update(total === undefined ? 0 : bytes, {
        count,
        rate: Math.round(count / Math.max(0.001, (performance.now() - started) / 1000)),
      }),
    stop: () => bar.stop(),
  };
}
