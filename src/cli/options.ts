/** Flags several commands share, defined once so they read and behave the same everywhere. */
import { InvalidArgumentError, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Lang } from '../lang.js';

export function formatOption() {
  return new Option('--format <format>', 'output format')
    .choices(['text', 'json'] as const)
    .default('text' as const);
}

/** `fallback` when --lang is not given: e.g. localeLang(io.env) for the rule-authoring commands. */
export function langOption(description: string, fallback: Lang = 'zh-CN') {
  return new Option('--lang <lang>', description)
    .choices(['zh-CN', 'en'] as const)
    .default(fallback);
}

/**
 * The language the environment's locale asks for (POSIX order: LC_ALL, then LC_MESSAGES, then
 * LANG): zh-CN for any Chinese locale (zh_CN.UTF-8, zh_TW, zh), else en.
 */
export function localeLang(env: NodeJS.ProcessEnv): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find(
    (value) => value !== undefined && value !== '',
  );
  return locale !== undefined && /^zh([_.@-]|$)/i.test(locale) ? 'zh-CN' : 'en';
}

export function engineOption() {
  return new Option(
    '--engine <engine>',
    'compiled (fast) or reference (json-rules-engine); they must agree',
  )
    .choices(['compiled', 'reference'] as const)
    .default('compiled' as const);
}

/** A parser of a flag's value as a whole number from `min` (default 0) to `max` (counts, limits, workers). */
export function wholeNumberUpTo(max: number, min = 0): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number > max || number < min)
      throw new InvalidArgumentError(`It must be a whole number from ${min} to ${max}.`);
    return number;
  };
}

/**
 * Flags that may be given more than once (each adds a value). Any other flag that takes a value
 * is refused when repeated: keeping the last of two `--now`s silently decides at a time the
 * caller may not have meant.
 */
const REPEATABLE = new Set(['--public-key']);

export function refuseRepeatedFlags(command: CommandUnknownOpts): void {
  for (const option of command.options) {
    if (!(option.required || option.optional) || option.variadic) continue;
    if (option.long === undefined || REPEATABLE.has(option.long)) continue;
    let seen = 0;
    command.on(`option:${option.name()}`, () => {
      if (++seen > 1)
        command.error(`error: option '${option.flags}' was given more than once; give it once`, {
          exitCode: 2,
          code: 'commander.repeatedOption',
        });
    });
  }
}
