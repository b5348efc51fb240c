/** What one ajv error means, in words a rule editor reads, in both languages. */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Text } from '../generated/policy-file.js';

export function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const TYPE_NAMES: Record<string, Text> = {
  integer: { 'zh-CN': '整数', en: 'an integer' },
  number: { 'zh-CN': '数字', en: 'a number' },
  string: { 'zh-CN': '字符串', en: 'a string' },
  boolean: { 'zh-CN': 'true 或 false', en: 'true or false' },
  object: { 'zh-CN': '映射（对象）', en: 'a mapping (object)' },
  array: { 'zh-CN': '列表（数组）', en: 'a list (array)' },
  null: { 'zh-CN': 'null', en: 'null' },
};

/** Both languages of one message; `got` is appended to each. */
function both(zh: string, en: string, got: Text = { 'zh-CN': '', en: '' }): Text {
  return { 'zh-CN': zh + got['zh-CN'], en: en + got.en };
}

export function describe(error: ErrorObject, root: unknown, pointer: string): Text {
  const params = error.params as Record<string, unknown>;
  const value = valueAt(root, pointer);
  const got = { 'zh-CN': `，实际为 ${shown(value)}`, en: `, got ${shown(value)}` };
  const ajv = error.message ?? 'is invalid';
  switch (error.keyword) {
    case 'required':
      return both('缺少这一项（必填）', 'is required but missing');
    case 'additionalProperties':
      return both('这里没有这一项（请检查拼写）', 'is not a known field here (check the spelling)');
    case 'type': {
      const types = String(params.type).split(',');
      const name = (lang: keyof Text) => types.map((t) => TYPE_NAMES[t]?.[lang] ?? t);
      const quoted = types.length === 1 && types[0] === 'string' && typeof value === 'number';
      return both(
        `应为${name('zh-CN').join('或')}`,
        `must be ${name('en').join(' or ')}`,
        quoted
          ? { 'zh-CN': `${got['zh-CN']}（请加引号）`, en: `${got.en} (write it in quotes)` }
          : got,
      );
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return both(`应为以下之一：${allowed}`, `must be one of ${allowed}`, got);
    }
    case 'format':
      return params.format === 'date-time'
        ? both(
            '应为带时区偏移的 RFC 3339 时间，例如 2026-11-24T08:00:00+08:00',
            'must be an RFC 3339 date-time with a zone offset, e.g. 2026-11-24T08:00:00+08:00',
            got,
          )
        : both(
            `应为有效的 ${String(params.format)}`,
            `must be a valid ${String(params.format)}`,
            got,
          );
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return both(`超出范围（${ajv}）`, error.message ?? 'is out of range', got);
    case 'minLength':
      return params.limit === 1 ? both('不能为空', 'must not be empty', got) : both(ajv, ajv, got);
    case 'minItems':
      return params.limit === 1
        ? both('至少要列出一项', 'must list at least one item')
        : both(ajv, ajv);
    case 'pattern':
      return both(`应符合 ${String(params.pattern)}`, `must match ${String(params.pattern)}`, got);
    case 'anyOf':
    case 'oneOf':
      return both('不符合任何一种允许的写法', 'does not match any of the allowed forms', got);
    default:
      return both(ajv, ajv, got);
  }
}
