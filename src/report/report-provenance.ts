/**
 * Where a report's numbers come from: each input with its kind and the sha256 of its bytes, the
 * decision log's verified head, and whether every input was a verified log. A report takes at
 * most one decision log, so "the verified head" is one seq and one hash in every format.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '../diagnostics.js';
import type { LogHead } from '../audit/log/log-entry.js';
import { isDecisionLog, verifiedHead } from './read-log-input.js';
import type { Provenance } from './report-model.js';

export interface ReportSource {
  source: string;
  /** The verified head when the source is a decision log; null otherwise. */
  log: LogHead | null;
}

/** Finds and verifies the decision log among the sources, before any is read. */
export async function inspectSources(
  sources: readonly string[],
  cwd: string,
): Promise<ReportSource[]> {
  const found: ReportSource[] = [];
  for (const source of sources) {
    const log = (await isDecisionLog(source, cwd)) ? await verifiedHead(source, cwd) : null;
    found.push({ source, log });
  }
  const logs = found.filter((s) => s.log !== null);
  if (logs.length > 1) {
    const message = `give at most one decision log per report, got ${logs.length}: ${logs.map((s) => s.source).join(', ')}`;
    throw new InvalidInputError([{ severity: 'error', code: 'usage', message }]);
  }
  return found;
}

/** `fromRecords`: the indexes of the sources that held decision or error records. */
export async function provenanceOf(
  sources: readonly ReportSource[],
  fromRecords: ReadonlySet<number>,
  rulesDigests: readonly string[],
  cwd: string,
): Promise<Provenance> {
  const inputs: Provenance['inputs'] = [];
  for (const [index, { source, log }] of sources.entries()) {
    const kind = log ? 'log' : fromRecords.has(index) ? 'records' : 'snapshots';
    inputs.push({ file: source, kind, digest: await fileDigest(source, cwd) });
  }
  const log = sources.find((s) => s.log !== null)?.log ?? null;
  return {
    inputs,
    logHead: log ? { seq: log.seq, hash: log.hash } : null,
    verified: sources.length > 0 && sources.every((s) => s.log !== null),
    rulesDigests: [...rulesDigests].sort(),
  };
}

/** sha256 (hex) of a file's bytes; null for stdin and directories, which have no one file. */
async function fileDigest(source: string, cwd: string): Promise<string | null> {
  if (source === '-') return null;
  const path = resolve(cwd, source);
  if (!(await stat(path)).isFile()) return null;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
