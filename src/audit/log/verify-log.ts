/**
 * verifyLog: reads a decision log as bytes, line by line (flat memory, whatever its size), and
 * says whether its committed chain is intact — every line byte for byte what the writer wrote,
 * ending exactly at the head — or which line breaks it first and how. Lines past the head are
 * uncommitted, a problem of their own. It takes no lock: writers can go on meanwhile.
 */
import { resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Diagnostic } from '../../diagnostics.js';
import { checkHead, type LogProblem } from './check-chain.js';
import { checkHeadSignature, signatureProblem, type SignedHead } from './head-signature.js';
import { GENESIS_HASH, type LogHead } from './log-entry.js';
import { readHeadFile, type HeadFile } from './log-head.js';
import { scanLog, type Scan } from './scan-log.js';
import { openLog, readOr, settledHead } from './verify-reads.js';

export interface VerifyLogOptions {
  /** A relative `file` is read from here. Default: process.cwd(). */
  cwd?: string | undefined;
  /** A head kept elsewhere (`log-head` output): the committed chain must hold it. Default: none. */
  anchor?: LogHead | undefined;
  /** Trusted Ed25519 public keys: the head must be validly signed by one. Default: none (unchecked). */
  publicKeys?: readonly KeyObject[] | undefined;
  /** How long to wait for a head that lags the lines past it (a writer mid-append). Default: 1000 ms. */
  settleMs?: number | undefined;
}

export interface LogVerification {
  ok: boolean;
  /** The log, as the caller named it. */
  file: string;
  /** Committed entries verified intact: all of them, or those before the problem. */
  entries: number;
  /** The last intact committed entry's seq and hash (seq 0 and 64 zeros for none). */
  last: LogHead;
  /** What FILE.head says; null when there is none. */
  head: SignedHead | null;
  /** Lines past the head: uncommitted, unless a writer recorded them while we read. */
  uncommitted: { line: number; lines: number; bytes: number } | null;
  warnings: Diagnostic[];
  problem?: LogProblem;
}

/** Throws InvalidInputError (`read-failed`) when the log or its head file cannot be read. */
export async function verifyLog(
  file: string,
  options: VerifyLogOptions = {},
): Promise<LogVerification> {
  const path = resolve(options.cwd ?? process.cwd(), file);
  // The head first: writers update it only after their entries are in the log, so the log
  // read afterwards holds at least what the head names.
  const headFile = await readOr(`${file}.head`, () => readHeadFile(path));
  const handle = await readOr(file, () => openLog(path));
  try {
    const headSeq = headFile.state === 'present' ? headFile.head.seq : undefined;
    const scan = await readOr(file, () => scanLog(file, handle, headSeq, options.anchor?.seq));
    const settled = scan.pastHead
      ? await settledHead(path, headFile, scan, options.settleMs ?? 1000)
      : headFile;
    const result: LogVerification = {
      ok: true,
      file,
      entries: scan.chain.entries,
      last: scan.chain.last,
      head: settled.state === 'present' ? settled.head : null,
      uncommitted: null,
      warnings: [],
    };
    const problem =
      scan.problem ??
      commitmentProblem(file, settled, scan, result) ??
      anchorProblem(file, options.anchor, scan, result) ??
      keyProblem(file, options.publicKeys, settled);
    return problem ? { ...result, ok: false, problem } : result;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Does the chain end exactly at the head? Narrows `result` to the committed part: with lines
 * past the head, `entries` and `last` stop at the head's entry and `uncommitted` says what follows.
 */
function commitmentProblem(
  file: string,
  headFile: HeadFile,
  scan: Scan,
  result: LogVerification,
): LogProblem | undefined {
  const headName = `${file}.head`;
  if (headFile.state === 'malformed') {
    return {
      file: headName,
      line: 1,
      kind: 'malformed',
      message:
        'not what a writer writes: {"seq":N,"hash":"<64 hex>"}, optionally with keyId and signature',
    };
  }
  if (headFile.state === 'missing') {
    if (scan.lines === 0) return undefined;
    Object.assign(result, {
      entries: 0,
      last: { seq: 0, hash: GENESIS_HASH },
      uncommitted: { line: 1, lines: scan.lines, bytes: scan.size },
    });
    return {
      file,
      line: 1,
      kind: 'uncommitted',
      message: `there is no ${headName}, so none of the log's ${scan.lines} lines is committed: restore the head from a backup or from your last anchor (docs/decision-log.md)`,
    };
  }
  const { head } = headFile;
  const past = scan.pastHead;
  // The head moved on past what we read: a writer committed those lines while we read them.
  if (past && !past.broken && head.seq > scan.chain.last.seq) return undefined;
  const verdict = checkHead(file, scan.chain, scan.lines, head, scan.seen.get(head.seq));
  if ('problem' in verdict) return verdict.problem;
  if (!verdict.lagging && !past?.broken) return undefined;
  const atHead = scan.seen.get(head.seq)!;
  const lines = scan.lines - atHead.line;
  Object.assign(result, {
    entries: head.seq,
    last: { seq: head.seq, hash: atHead.hash },
    uncommitted: { line: atHead.line + 1, lines, bytes: scan.size - atHead.end },
  });
  const what = `${lines} line${lines === 1 ? '' : 's'} (${scan.size - atHead.end} bytes) from line ${atHead.line + 1}`;
  return {
    file,
    line: atHead.line + 1,
    kind: 'uncommitted',
    message: `${what} ${lines === 1 ? 'follows' : 'follow'} the head (seq ${head.seq}) and ${lines === 1 ? 'is' : 'are'} not committed: a writer was stopped before it recorded its head, or they were added by hand; the next append moves them to ${file}.uncommitted`,
  };
}

function anchorProblem(
  file: string,
  anchor: LogHead | undefined,
  scan: Scan,
  result: LogVerification,
): LogProblem | undefined {
  if (!anchor) return undefined;
  if (anchor.seq > result.last.seq) {
    return {
      file,
      line: (scan.seen.get(result.last.seq)?.line ?? scan.lines) + 1,
      kind: 'truncated',
      message: `the anchor names seq ${anchor.seq}, but the committed chain ends at seq ${result.last.seq}: entries were cut off, or the log was rolled back`,
    };
  }
  const seen = anchor.seq === 0 ? { line: 0, hash: GENESIS_HASH } : scan.seen.get(anchor.seq);
  if (seen?.hash === anchor.hash) return undefined;
  return {
    file,
    line: seen?.line ?? 0,
    kind: 'altered',
    message: `entry seq ${anchor.seq} is not the one anchored (hash ${anchor.hash}): the history up to it was rewritten`,
  };
}

function keyProblem(
  file: string,
  keys: readonly KeyObject[] | undefined,
  headFile: HeadFile,
): LogProblem | undefined {
  if (!keys || headFile.state !== 'present') return undefined;
  const message = signatureProblem(checkHeadSignature(headFile.head, keys), headFile.head);
  return message ? { file: `${file}.head`, line: 1, kind: 'bad-signature', message } : undefined;
}
