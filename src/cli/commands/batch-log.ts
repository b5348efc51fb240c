/**
 * `batch --log`: each chunk's records go into the decision log before the chunk is output, so a
 * record is never output unless it was logged (fail closed). Decisions the log already holds
 * (a rerun after a failure part-way) are output again but not logged twice.
 */
import { appendToLog } from '../../audit/log/append-to-log.js';
import type { SigningKey } from '../../audit/log/head-signature.js';
import { loggedKeys, recordKey } from '../../audit/log/logged-keys.js';
import type { DecisionRecord } from '../../render/record.js';
import { uncommittedNotice } from '../log-notices.js';

export interface BatchLog {
  /** Appends the chunk's records whose decision the log does not hold yet. */
  append: (lines: readonly string[]) => Promise<void>;
  /** How many records were not logged because the log already held their decision. */
  skipped: () => number;
}

/** Reads the decision ids the log holds; notices of moved uncommitted lines go to `notices`. */
export async function openBatchLog(
  file: string,
  cwd: string,
  key: SigningKey | undefined,
  notices: string[],
): Promise<BatchLog> {
  const logged = await loggedKeys(file, cwd);
  let skipped = 0;
  const append = async (lines: readonly string[]): Promise<void> => {
    const fresh = lines
      .map((line) => JSON.parse(line) as DecisionRecord)
      .filter((record) => {
        const id = recordKey(record);
        if (logged.has(id)) return false;
        logged.add(id);
        return true;
      });
    skipped += lines.length - fresh.length;
    // Called even for a chunk with nothing new: the append still moves uncommitted lines aside.
    await appendToLog(file, fresh, {
      cwd,
      key,
      onUncommitted: (moved) => notices.push(uncommittedNotice(moved)),
    });
  };
  return { append, skipped: () => skipped };
}
