/**
 * `--explain` in text: under each policy, every rule's condition tree, one comparison a line:
 *   ✗ pay $.balanceFen = 1250 · equal 0
 * Values are shown as JSON so that "0" and 0, or null and "null", never look alike.
 */
import type { ConditionTrace, EntryTrace } from '../generated/evaluation-result.js';
import { printable } from './printable.js';

type Paint = { mark(result: boolean): string; dim(text: string): string };

export function explainLines(
  entries: readonly EntryTrace[],
  paint: Paint,
  indent: string,
): string[] {
  return entries.flatMap((entry) => {
    const head = `${indent}${paint.mark(entry.holds)} ${entry.id}${entry.kind === 'consequence' ? paint.dim(' (consequence applies when)') : ''}`;
    if ('fact' in entry.condition) return [`${head}: ${comparison(entry.condition, paint)}`];
    return [head, ...conditionLines(entry.condition, paint, `${indent}    `)];
  });
}

function conditionLines(trace: ConditionTrace, paint: Paint, indent: string): string[] {
  if ('all' in trace || 'any' in trace) {
    const [word, children] = 'all' in trace ? ['all of', trace.all] : ['any of', trace.any];
    return [
      `${indent}${paint.mark(trace.result)} ${word}:`,
      ...children.flatMap((child) => conditionLines(child, paint, `${indent}    `)),
    ];
  }
  if ('not' in trace)
    return [
      `${indent}${paint.mark(trace.result)} not:`,
      ...conditionLines(trace.not, paint, `${indent}    `),
    ];
  return [`${indent}${paint.mark(trace.result)} ${comparison(trace, paint)}`];
}

function comparison(trace: Extract<ConditionTrace, { fact: string }>, paint: Paint): string {
  const expected = trace.expectedFrom
    ? `${trace.expectedFrom.fact} ${trace.expectedFrom.path} ${paint.dim(`(= ${JSON.stringify(trace.expected)})`)}`
    : JSON.stringify(trace.expected);
  return `${trace.fact} ${trace.path} = ${printable(JSON.stringify(trace.found))} · ${trace.operator} ${expected}`;
}
