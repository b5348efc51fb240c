/** `account-policy evaluate`: one snapshot, every policy, as text or JSON. */
import { readInputText } from '../../load/read-text.js';
import { loadPolicy } from '../../policy.js';
import { renderText } from '../../render/text.js';
import type { Lang } from '../../render/template.js';

export interface EvaluateCommandOptions {
  /** A .json/.yaml file, or "-" for stdin. */
  snapshot: string;
  now?: string | undefined;
  unbind?: string | undefined;
  format: 'text' | 'json';
  lang: Lang;
  rules?: string | undefined;
  color: boolean;
  cwd: string;
  stdin: NodeJS.ReadableStream;
}

/** Returns what to print on stdout; throws InvalidInputError on bad input. */
export async function evaluateCommand(options: EvaluateCommandOptions): Promise<string> {
  const policy = await loadPolicy({ rules: options.rules, cwd: options.cwd });
  const input = await readInputText(options.snapshot, { cwd: options.cwd, stdin: options.stdin });
  const result = await policy.evaluateText(input.text, { file: input.file, format: input.format, now: options.now, unbind: options.unbind, lang: options.lang });
  if (options.format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  return renderText(result, policy.ruleSet, { lang: options.lang, color: options.color });
}
