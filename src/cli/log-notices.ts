/** What the CLI says on stderr when a writer moved uncommitted lines aside before appending. */
import type { UncommittedMoved } from '../audit/log/append-to-log.js';
import { formatDiagnostic } from '../diagnostics.js';

export function uncommittedNotice(moved: UncommittedMoved): string {
  const what = `${moved.lines} uncommitted line${moved.lines === 1 ? '' : 's'} (${moved.bytes} bytes) past the head (seq ${moved.afterSeq})`;
  const message = `moved ${what} to ${moved.sideFile} before appending: a writer had been stopped before it recorded its head, or lines were added by hand; they are kept there as evidence, not as history`;
  return `account-policy: ${formatDiagnostic({ severity: 'warning', code: 'log-uncommitted-moved', file: moved.file, message })}\n`;
}
