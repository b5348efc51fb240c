/** Flags several commands share, defined once so they read and behave the same everywhere. */
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';

export function formatOption() {
  return new Option('--format <format>', 'output format')
    .choices(['text', 'json'] as const)
    .default('text' as const);
}

export function langOption(description: string) {
  return new Option('--lang <lang>', description)
    .choices(['zh-CN', 'en'] as const)
    .default('zh-CN' as const);
}

export function engineOption() {
  return new Option(
    '--engine <engine>',
    'compiled (fast) or reference (json-rules-engine); they must agree',
  )
    .choices(['compiled', 'reference'] as const)
    .default('compiled' as const);
}

/** Parses a flag's value as a whole number ≥ 0 (counts, limits, workers). */
export function wholeNumber(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number))
    throw new InvalidArgumentError('It must be a whole number ≥ 0.');
  return number;
}
