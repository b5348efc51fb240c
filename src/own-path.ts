/**
 * The only path syntax rules may use: `$.name.name…`, own properties only. json-rules-engine's
 * default resolver is jsonpath-plus, whose filter expressions can run code; this one cannot.
 */
const PLAIN_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const segmentsCache = new Map<string, readonly string[]>();

export function isPlainPath(path: string): boolean {
  return PLAIN_PATH.test(path);
}

export function resolvePlainPath(value: unknown, path: string): unknown {
  let segments = segmentsCache.get(path);
  if (!segments) {
    if (!isPlainPath(path))
      throw new Error(
        `refused path ${JSON.stringify(path)}: only plain property paths like $.a.b are allowed`,
      );
    segments = path.slice(2).split('.');
    segmentsCache.set(path, segments);
  }
  let at = value;
  for (const key of segments) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
