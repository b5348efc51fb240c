/**
 * The only body parser the server has: application/json, bounded. The body arrives as text
 * (fastify enforces the route's byte limit while it streams in); its nesting depth is checked
 * before any parser sees it (../shared/DEPENDENCIES.md item 6: a deep document has aborted
 * Node in a long-running process); then fastify's secure parser refuses `__proto__` and
 * `constructor.prototype` keys, and a key repeated in one object is refused as the CLI refuses it. Every refusal is an InvalidInputError with a diagnostic.
 */
import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { InvalidInputError, toPointer, type Diagnostic } from '../diagnostics.js';
import { depthExceededAt } from '../load/limits.js';
import { MAX_NESTING_DEPTH } from '../load/limits.js';
import { firstDuplicateKey, syntaxDiagnostic } from '../load/parse-json.js';

export function jsonBodyParser(fastify: FastifyInstance): FastifyBodyParser<string> {
  const secureParse = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    const tooDeep = depthExceededAt(body, MAX_NESTING_DEPTH);
    if (tooDeep !== undefined) {
      done(
        refused(
          'nesting-too-deep',
          `arrays and objects nested deeper than ${MAX_NESTING_DEPTH} levels are refused (at byte offset ${tooDeep}); snapshots need at most 6`,
        ),
        undefined,
      );
      return;
    }
    secureParse(request, body, (error, value) => {
      if (error) return done(whyNotParsed(body), undefined);
      // JSON.parse keeps the last of two equal keys; the CLI refuses such input, and so does HTTP.
      const duplicate = firstDuplicateKey(body);
      if (duplicate) {
        const key = duplicate.path.at(-1) ?? '';
        return done(
          new InvalidInputError([
            {
              severity: 'error',
              code: 'duplicate-key',
              message: `key ${JSON.stringify(key)} appears twice in the same mapping; keep one`,
              file: 'request',
              pointer: toPointer(duplicate.path),
            },
          ]),
          undefined,
        );
      }
      done(null, value);
    });
  };
}

/** fastify's parser gives one error for every failure; say which it was, and where. */
function whyNotParsed(body: string): InvalidInputError {
  if (body.trim() === '')
    return refused('syntax', 'the body is empty; send a JSON object such as {"snapshot": {…}}');
  try {
    JSON.parse(body);
  } catch {
    return new InvalidInputError([bodySyntaxDiagnostic(body)]);
  }
  return refused(
    'forbidden-key',
    'the body contains a "__proto__" key, or "constructor" with "prototype": such keys are refused (prototype poisoning)',
  );
}

/**
 * Where and what, as the CLI says it for a JSON file (load/parse-json.ts). No lineText: a
 * compact body is one line, and echoing megabytes of it back helps nobody (nor a log).
 */
function bodySyntaxDiagnostic(body: string): Diagnostic {
  return syntaxDiagnostic(body, (line, col) => ({
    severity: 'error',
    code: 'syntax',
    message: '',
    file: 'request',
    line,
    col,
  }));
}

function refused(code: Diagnostic['code'], message: string): InvalidInputError {
  return new InvalidInputError([{ severity: 'error', code, message, file: 'request' }]);
}
