/** Where things are in a parsed YAML document: the line:col of a JSON pointer, of a key. */
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import { fromPointer } from '../diagnostics.js';
import type { Position } from './document.js';

export /** The path (keys and indexes) of the mapping key written at `offset`, e.g. ['pay', 'enabled']. */
function pathOfKeyAt(doc: Document, offset: number): string[] | undefined {
  const search = (node: unknown, path: string[]): string[] | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (isNode(pair.key) && pair.key.range?.[0] === offset) return [...path, key];
        const found = search(pair.value, [...path, key]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const found = search(item, [...path, String(index)]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(doc.contents, []);
}

export function locate(
  doc: Document,
  lineCounter: LineCounter,
  text: string,
  lines: string[],
  pointer: string,
  options: { key?: boolean; within?: number },
): Position | undefined {
  const wantKey = options.key ?? false;
  const path = fromPointer(pointer);
  let offset: number | undefined;
  // Walk down as far as the path exists, so an absent key points at its parent.
  for (let depth = path.length; depth >= 0 && offset === undefined; depth--) {
    const prefix = path.slice(0, depth);
    const last = prefix.at(-1);
    if (wantKey && depth === path.length && last !== undefined) {
      const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find(
          (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === last,
        );
        if (pair && isNode(pair.key)) offset = pair.key.range?.[0];
      }
      continue;
    }
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node)) offset = node.range?.[0];
  }
  if (offset === undefined) return undefined;
  if (options.within !== undefined)
    offset += offsetWithin(doc.getIn(path, true), options.within, text);
  const { line, col } = lineCounter.linePos(offset);
  return { line, col, lineText: lines[line - 1] ?? '' };
}

/**
 * How far into a scalar's source `within` characters of its value are, escapes counted as
 * written; 0 (the value's start) for a block or multi-line scalar, whose text is folded.
 */
function offsetWithin(node: unknown, within: number, text: string): number {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return 0;
  const source = text.slice(node.range[0], node.range[1]);
  if (source.includes('\n')) return 0;
  if (node.type === 'PLAIN')
    return source.slice(0, within) === node.value.slice(0, within) ? within : 0;
  if (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') return 0;
  // Past the opening quote: one escape, or one UTF-16 unit, per unit of the value.
  const unit = node.type === 'QUOTE_DOUBLE' ? /\\(x..|u....|U........|.)|./gs : /''|./gs;
  unit.lastIndex = 1;
  let at = 1;
  for (let read = 0; read < within; read++) {
    const match = unit.exec(source);
    if (!match) return 0;
    at = unit.lastIndex;
  }
  return at;
}
