/**
 * The YAML mistakes a Chinese keyboard makes, named as such with the fix: a full-width colon
 * after a key, a full-width space or a tab in the indentation, full-width quotes around a value.
 * The YAML library reports them, if at all, as a cascade of unrelated-looking errors.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Text } from '../generated/policy-file.js';
import type { At } from './parse-json.js';

const FULL_WIDTH_SPACE = '\u3000';
/** A key as the rule files and snapshots write them, then its colon (written full-width). */
const KEY_THEN_FULL_WIDTH_COLON = /^([ \t\u3000]*(?:- +)?)([A-Za-z0-9_.-]+)[ \u3000]*：/u;
/** A key with an ASCII colon followed by a full-width space instead of an ASCII one. */
const KEY_THEN_FULL_WIDTH_SPACE = /^([ \t\u3000]*(?:- +)?[A-Za-z0-9_.-]+:)\u3000/u;
/** A whole value between full-width quotes: YAML keeps them as part of the text. */
const FULL_WIDTH_QUOTED = /^([“‘＂])(.*)([”’＂])$/su;

/**
 * One diagnostic per mistake, in line order, each at the offending character. Read only when
 * the YAML library has refused the text: then these explain its errors.
 */
export function yamlTypos(lines: readonly string[], at: At): Diagnostic[] {
  const found: Diagnostic[] = [];
  const text = insideScalars(lines);
  lines.forEach((line, i) => {
    if (/^\s*(#|$)/u.test(line) || text[i]) return;
    const typo = lineTypo(line);
    if (typo)
      found.push({
        ...at(i + 1, typo.col),
        code: 'syntax',
        message: typo.message.en,
        messages: typo.message,
      });
  });
  return found;
}

/** A block scalar's header: `key: |`, `- >-`, `key: |2 # comment`. */
const BLOCK_HEADER = /(?:^|[:-])[ \t]+[|>][+-]?[1-9]?[+-]?[ \t]*(?:#.*)?$/u;
/** A key with a plain value on its line, which may go on on the more indented lines below. */
const PLAIN_VALUE = /^[ \t\u3000]*(?:- +)?[^\s#'"{[][^:]*:[ \t]+[^\s#|>'"{[&*!%@`]/u;

/**
 * Per line, whether it is text rather than structure: inside a block scalar (`|`, `>`), or a
 * further line of a plain value — indented past the key that opened it. Such a line may hold a
 * full-width colon or a leading tab and be valid YAML.
 */
function insideScalars(lines: readonly string[]): boolean[] {
  const inside: boolean[] = [];
  let opener: number | undefined;
  for (const line of lines) {
    const blank = /^\s*$/u.test(line);
    const leading = /^[ \t\u3000]*/u.exec(line)?.[0].length ?? 0;
    const text = opener !== undefined && (blank || leading > opener);
    inside.push(text);
    if (text || blank || /^\s*#/u.test(line)) continue;
    // The column of its key: after the indentation and any `- ` of a sequence item.
    const key = /^[ \t\u3000]*(?:-[ \t\u3000]+)*/u.exec(line)?.[0].length ?? 0;
    opener = BLOCK_HEADER.test(line) || PLAIN_VALUE.test(line) ? key : undefined;
  }
  return inside;
}

function lineTypo(text: string): { col: number; message: Text } | undefined {
  const indent = /^[ \t\u3000]*(?:-[ \t\u3000]+)*/u.exec(text)?.[0] ?? '';
  const tab = indent.indexOf('\t');
  if (tab >= 0)
    return {
      col: tab + 1,
      message: {
        'zh-CN': '缩进里有制表符（Tab）：YAML 只能用空格缩进，请把这个制表符换成空格，与上下行对齐',
        en: 'a tab in the indentation: YAML indents with spaces only; replace the tab with spaces that line up with the lines around it',
      },
    };
  const wide = indent.indexOf(FULL_WIDTH_SPACE);
  if (wide >= 0)
    return {
      col: wide + 1,
      message: {
        'zh-CN':
          '缩进里有全角空格（U+3000）：YAML 只能用半角空格缩进，请把每个全角空格换成两个半角空格',
        en: 'a full-width space (U+3000) in the indentation: YAML indents with ASCII spaces only; replace each full-width space with two ASCII spaces',
      },
    };
  const colon = KEY_THEN_FULL_WIDTH_COLON.exec(text);
  if (colon) {
    const key = colon[2] ?? '';
    return {
      col: text.indexOf('：', (colon[1] ?? '').length + key.length) + 1,
      message: {
        'zh-CN': `键 ${key} 后面是全角冒号“：”：YAML 要求半角冒号加一个空格，请写成“${key}: ”`,
        en: `a full-width colon "：" after the key ${key}: YAML needs an ASCII colon and a space; write "${key}: "`,
      },
    };
  }
  const space = KEY_THEN_FULL_WIDTH_SPACE.exec(text);
  if (space) {
    const key = (space[1] ?? '').trim().replace(/^- +/, '');
    return {
      col: (space[1] ?? '').length + 1,
      message: {
        'zh-CN': `“${key}”后面是全角空格（U+3000）：YAML 要求冒号后面是半角空格`,
        en: `a full-width space (U+3000) after "${key}": YAML needs an ASCII space after the colon`,
      },
    };
  }
  return undefined;
}

/**
 * A schema message, with the likely cause added when the value holds a keyboard mistake that
 * YAML parsed without complaint: a value in full-width quotes, or a key with a full-width colon
 * read as one string.
 */
export function withTypoHint(message: Text, value: unknown): Text {
  if (typeof value !== 'string') return message;
  const quoted = FULL_WIDTH_QUOTED.exec(value);
  if (quoted) {
    const inner = quoted[2] ?? '';
    return {
      'zh-CN': `${message['zh-CN']}（值两边是全角引号 ${quoted[1]}${quoted[3]}，YAML 会把它们当作文字的一部分；请改用半角引号："${inner}"）`,
      en: `${message.en} (the value is between full-width quotes ${quoted[1]}${quoted[3]}, which YAML keeps as part of the text; use ASCII quotes: "${inner}")`,
    };
  }
  const colon = /^([A-Za-z0-9_.-]+)[ \u3000]*：/u.exec(value);
  if (colon) {
    const key = colon[1] ?? '';
    return {
      'zh-CN': `${message['zh-CN']}（键 ${key} 后面是全角冒号“：”，YAML 不会把它当作键；请写成“${key}: ”）`,
      en: `${message.en} (the key ${key} is followed by a full-width colon "：", so YAML does not read a key there; write "${key}: ")`,
    };
  }
  return message;
}
