/**
 * A private copy of a caller's snapshot value, made before anything reads it, so that nothing
 * (a getter, a proxy, another holder of the object) can change it between validation and
 * evaluation. Only JSON-like data is copied: null, booleans, numbers, strings, arrays and plain
 * objects; anything else (functions, Dates, Maps, class instances, symbols) is refused, as is
 * nesting deeper than the text parsers accept. An own `__proto__` key stays an own key of the
 * copy (assigning it would set the copy's prototype instead). ~5× faster than structuredClone,
 * which showed as a fifth of an evaluation in profiles.
 */
import { MAX_NESTING_DEPTH } from './limits.js';

export class NotPlainDataError extends Error {
  readonly pointer: string;

  constructor(pointer: string, message: string) {
    super(message);
    this.name = 'NotPlainDataError';
    this.pointer = pointer;
  }
}

export function copyPlainData(value: unknown): unknown {
  const path: string[] = [];
  const refuse = (message: string) =>
    new NotPlainDataError(
      path.map((key) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''),
      message,
    );
  // The pointer is built only when something is refused: building one per key cost more than the copy.
  const copy = (item: unknown): unknown => {
    if (
      item === null ||
      typeof item === 'boolean' ||
      typeof item === 'number' ||
      typeof item === 'string'
    )
      return item;
    if (typeof item !== 'object') throw refuse(`must be JSON data, not a ${typeof item}`);
    if (path.length >= MAX_NESTING_DEPTH)
      throw refuse(`nesting deeper than ${MAX_NESTING_DEPTH} levels is refused`);
    if (Array.isArray(item)) {
      const result = new Array<unknown>(item.length);
      for (let i = 0; i < item.length; i++) {
        path.push(String(i));
        result[i] = copy(item[i]);
        path.pop();
      }
      return result;
    }
    const prototype = Object.getPrototypeOf(item) as unknown;
    if (prototype !== Object.prototype && prototype !== null)
      throw refuse('must be a plain object (JSON data), not an instance of a class');
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(item)) {
      path.push(key);
      let value: unknown;
      try {
        value = (item as Record<string, unknown>)[key];
      } catch (error) {
        throw refuse(`reading it failed: ${(error as Error).message}`); // a getter or proxy that throws
      }
      const child = copy(value);
      path.pop();
      if (key === '__proto__')
        Object.defineProperty(result, key, {
          value: child,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else result[key] = child;
    }
    return result;
  };
  return copy(value);
}
