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
import { inexactJsonNumbers } from '../load/inexact-numbers.js';
import { firstDuplicateKey, syntaxDiagnostic } from '../load/parse-json.js';
import { decodeUtf8 } from '../load/read-lines.js';
import { inexactIntegerMessage, isIntegerField } from '../validate/exact-integers.js';

export function jsonBodyParser(fastify: FastifyInstance): FastifyBodyParser<Buffer> {
  const secureParse = fastify.getDefaultJsonParser('error', 'error');
  return (request, bytes, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      done(unsupportedCharset(), undefined);
      return;
    }
    // Never U+FFFD in place of a bad byte: what was sent is decided, or refused.
    const body = decodeUtf8(bytes);
    if (body === undefined) {
      done(refused('syntax', 'the body is not valid UTF-8'), undefined);
      return;
    }
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
      const rounded = roundedInteger(body);
      if (rounded) return done(rounded, undefined);
      done(null, value);
    });
  };
}

/** The charset parameter of a Content-Type, lower-cased, or undefined. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/** Answered 415 like any other unsupported media type (error-responses.ts). */
function unsupportedCharset(): Error {
  return Object.assign(new Error('only UTF-8 bodies are accepted'), {
    code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    statusCode: 415,
  });
}

/**
 * A number in a snapshot's integer field that the parser rounded (`1e-400` → 0), as the CLI
 * refuses it (validate/exact-integers.ts): wherever a `snapshot` sits in the body.
 */
function roundedInteger(body: string): InvalidInputError | undefined {
  for (const { pointer, text, value } of inexactJsonNumbers(body)) {
    const at = pointer.lastIndexOf('/snapshot/');
    if (at < 0) continue;
    if (!isIntegerField('account-snapshot', pointer.slice(at + '/snapshot'.length))) continue;
    return new InvalidInputError([
      {
        severity: 'error',
        code: 'schema',
        message: inexactIntegerMessage(text, value),
        file: 'request',
        pointer,
      },
    ]);
  }
  return undefined;
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
