/**
 * verifyLog: reads a decision log line by line (flat memory, whatever its size) and says whether
 * its chain is intact and ends where its head file says, or which line breaks it first and how.
 * It takes no lock: it checks the log as it was when verification started, while writers go on.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { InvalidInputError, type Diagnostic } from '../../diagnostics.js';
import { checkHead, checkLine, type ChainState, type LogProblem } from './check-chain.js';
import { GENESIS_HASH, parseEntryLine, type LogHead, type ParsedLine } from './log-entry.js';
import { readHeadFile, type HeadFile } from './log-head.js';
import { byteAt } from './read-lines-backward.js';

export interface VerifyLogOptions {
  /** A relative `file` is read from here. Default: process.cwd(). */
  cwd?: string | undefined;
}

interface VerificationCommon {
  /** The log, as the caller named it. */
  file: string;
  /** Entries verified intact: all of them, or those before the problem. */
  entries: number;
  /** The last intact entry's seq and hash (seq 0 and 64 zeros for none): what to anchor elsewhere. */
  last: LogHead;
  /** What FILE.head says; null when there is none (then cut-off trailing entries go unnoticed). */
  head: LogHead | null;
  /** `log-head-missing`, `log-head-behind`. */
  warnings: Diagnostic[];
}

export type LogVerification = (VerificationCommon & { ok: true }) | (VerificationCommon & { ok: false; problem: LogProblem });

/** Throws InvalidInputError (`read-failed`) when the log or its head file cannot be read. */
export async function verifyLog(file: string, options: VerifyLogOptions = {}): Promise<LogVerification> {
  const path = resolve(options.cwd ?? process.cwd(), file);
  // The head first: writers update it only after their entries are in the log, so the log
  // read afterwards holds at least what the head names.
  const headFile = await readOr(`${file}.head`, () => readHeadFile(path));
  const handle = await readOr(file, () => openLog(path));
  try {
    const scan = await readOr(file, () => scanChain(file, handle, headFile.state === 'present' ? headFile.head.seq : undefined));
    const head = headFile.state === 'present' ? headFile.head : null;
    const common = { file, entries: scan.chain.entries, last: scan.chain.last, head, warnings: [] as Diagnostic[] };
    if (scan.problem) return { ok: false, ...common, problem: scan.problem };
    return await headVerdict(file, path, common, headFile, scan);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

interface Scan {
  chain: ChainState;
  lines: number;
  problem: LogProblem | undefined;
  /** The entry whose seq the head names, when the chain reached it. */
  atHeadSeq: { line: number; hash: string } | undefined;
}

/** Streams the lines, checking each with one line of lookahead, up to the first problem. */
async function scanChain(file: string, handle: FileHandle, headSeq: number | undefined): Promise<Scan> {
  const size = (await handle.stat()).size;
  const terminated = size === 0 || (await byteAt(handle, size - 1)) === 0x0a;
  const scan: Scan = { chain: { entries: 0, last: { seq: 0, hash: GENESIS_HASH } }, lines: 0, problem: undefined, atHeadSeq: undefined };
  if (size === 0) return scan;
  const stream = handle.createReadStream({ start: 0, end: size - 1, autoClose: false, encoding: 'utf8' });
  let pending: { line: number; parsed: ParsedLine } | undefined;
  const check = async (next: ParsedLine | undefined): Promise<boolean> => {
    if (!pending) return true;
    const { line, parsed } = pending;
    // An incomplete last line in a log that has grown since is a write still under way.
    const unterminated = next === undefined && !terminated;
    if (unterminated && (await handle.stat()).size > size) return true;
    scan.problem = checkLine(file, scan.chain, { line, parsed, next, unterminated });
    if (!scan.problem && scan.chain.last.seq === headSeq) scan.atHeadSeq = { line, hash: scan.chain.last.hash };
    return scan.problem === undefined;
  };
  try {
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      const parsed = parseEntryLine(text);
      if (!(await check(parsed))) return scan;
      scan.lines += 1;
      pending = { line: scan.lines, parsed };
    }
    await check(undefined);
    return scan;
  } finally {
    stream.destroy();
  }
}

/** The chain is intact: does it end where the head file says? */
async function headVerdict(file: string, path: string, common: VerificationCommon, headFile: HeadFile, scan: Scan): Promise<LogVerification> {
  const headName = `${file}.head`;
  if (headFile.state === 'missing') {
    const message = `there is no head file: the chain is intact, but entries cut off its end would go unnoticed; appends refuse to continue without it (docs/decision-log.md)`;
    return { ok: true, ...common, warnings: [{ severity: 'warning', code: 'log-head-missing', message, file: headName }] };
  }
  if (headFile.state === 'malformed') {
    return { ok: false, ...common, problem: { file: headName, line: 1, kind: 'malformed', message: 'not {"seq":N,"hash":"<64 hex>"}' } };
  }
  const verdict = checkHead(file, scan.chain, scan.lines, headFile.head, scan.atHeadSeq);
  if ('problem' in verdict) return { ok: false, ...common, problem: verdict.problem };
  if (!verdict.lagging) return { ok: true, ...common };
  // A writer may have finished its head update while we read; only a head still behind is news.
  const now = await readHeadFile(path).catch(() => headFile);
  if (now.state === 'present' && now.head.seq >= scan.chain.last.seq) return { ok: true, ...common };
  const message = `the head says seq ${headFile.head.seq}, but the log's intact chain goes on to seq ${scan.chain.last.seq}: a writer stopped between appending and updating the head; the next append brings it up to date`;
  return { ok: true, ...common, warnings: [{ severity: 'warning', code: 'log-head-behind', message, file: headName }] };
}

async function openLog(path: string): Promise<FileHandle> {
  const handle = await open(path, 'r');
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
  }
  return handle;
}

/** Runs `read`, turning a file-system error into a `read-failed` diagnostic for `file`. */
async function readOr<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error; // not the file system's: a bug, reported as one
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : (error as Error).message;
    throw new InvalidInputError([{ severity: 'error', code: 'read-failed', message: `cannot read: ${reason}`, file }]);
  }
}
