/**
 * The rule set's time zone (`timeZone` in rules/parameters.yaml): the IANA zone every time in a
 * message is shown in. A name Intl does not know (e.g. Asia/Beijing) is refused at load.
 */
import { inBothLanguages, type Diagnostic } from '../diagnostics.js';
import type { LoadedFile } from './read-rule-files.js';

/** The zone when parameters.yaml names none: the policy text is for mainland users. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The zone to use, or undefined after pushing a diagnostic for a zone Intl does not know. */
export function checkTimeZone(
  file: LoadedFile,
  timeZone: string | undefined,
  diagnostics: Diagnostic[],
): string | undefined {
  if (timeZone === undefined) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return timeZone;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    diagnostics.push({
      severity: 'error',
      code: 'bad-parameter',
      ...inBothLanguages({
        'zh-CN': `timeZone ${JSON.stringify(timeZone)} 不是 Intl 认识的 IANA 时区名，例如 Asia/Shanghai 或 Europe/London`,
        en: `timeZone ${JSON.stringify(timeZone)} is not an IANA time zone Intl knows, e.g. Asia/Shanghai or Europe/London`,
      }),
      file: file.path,
      ...file.document.locate('/parameters/timeZone'),
    });
    return undefined;
  }
}
