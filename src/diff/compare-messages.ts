/**
 * What one snapshot is told differently between its base and its new evaluation: each reason
 * and consequence shown under both, with its words in every language (docs/diff.md).
 */
import type { EvaluationResult, PolicyResult } from '../generated/evaluation-result.js';
import { LANGS, type Lang } from '../lang.js';
import { differingLanguages } from '../rules/compare-rule-sets.js';
import type { Text } from '../rules/rule-set.js';

/** One evaluation rendered in every language. */
export type Rendered = Readonly<Record<Lang, EvaluationResult>>;

export interface MessageDifference {
  policy: string;
  id: string;
  kind: 'reason' | 'consequence';
  languages: [Lang, ...Lang[]];
  before: Text;
  after: Text;
}

/** In result order: per policy, its reasons, then its consequences. */
export function compareMessages(base: Rendered, next: Rendered): MessageDifference[] {
  const differences: MessageDifference[] = [];
  for (const policy of Object.keys(base['zh-CN'].policies)) {
    for (const kind of ['reason', 'consequence'] as const) {
      const before = texts(base, policy, kind);
      const after = texts(next, policy, kind);
      for (const [id, text] of before) {
        const other = after.get(id);
        const languages = other && differingLanguages(text, other);
        if (other && languages)
          differences.push({ policy, id, kind, languages, before: text, after: other });
      }
    }
  }
  return differences;
}

/** id → its message in every language, for one policy's reasons or consequences. */
function texts(
  rendered: Rendered,
  policy: string,
  kind: MessageDifference['kind'],
): Map<string, Text> {
  const found = new Map<string, Text>();
  for (const lang of LANGS) {
    const result = rendered[lang].policies[policy as keyof EvaluationResult['policies']];
    for (const { id, message } of entries(result, kind)) {
      const text = found.get(id) ?? { 'zh-CN': '', en: '' };
      text[lang] = message;
      found.set(id, text);
    }
  }
  return found;
}

function entries(
  result: PolicyResult | undefined,
  kind: MessageDifference['kind'],
): Array<{ id: string; message: string }> {
  if (result === undefined) return [];
  return kind === 'reason'
    ? result.reasons.map((reason) => ({ id: reason.rule, message: reason.message }))
    : result.consequences;
}
