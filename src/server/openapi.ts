/**
 * GET /openapi.json: an OpenAPI 3.1 document generated from the JSON Schemas in schemas/ — the
 * same files the server validates with — so the document cannot drift from what is enforced.
 * Each schema becomes a component named by its title; file and `#/$defs` references are
 * rewritten to component references, so any OpenAPI tool resolves them without `$id`s.
 */
import { packageInfo } from '../package-info.js';
import { schemaFiles } from './http-schemas.js';
import { paths, type DocumentOptions } from './openapi-paths.js';
import { errorResponse, ref, type Json } from './openapi-refs.js';

const COMPONENT_FILES = [
  'account-snapshot',
  'evaluation-result',
  'decision-record',
  'http-evaluate-request',
  'http-evaluate-response',
  'http-batch-request',
  'http-batch-response',
  'http-error',
  'http-rules-response',
  'http-status',
  'diagnostic',
] as const;

export function openApiDocument(options: DocumentOptions): Json {
  const schemas = componentSchemas(options);
  return {
    openapi: '3.1.0',
    info: {
      title: 'account-policy',
      version: packageInfo.version,
      description:
        'May this WeChat-style account cancel (注销), unbind (解绑) one binding, withdraw a pending cancellation, or reuse its phone number — and why not. docs/http.md explains every endpoint, its limits, reloads and logs.',
    },
    servers: [{ url: 'http://127.0.0.1:8080' }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: paths(options),
    components: {
      schemas,
      headers: {
        RulesDigest: {
          description:
            'The digest of the rule set that decided this answer (the same as rules.digest in the body).',
          schema: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
        },
        RequestId: {
          description: 'The id of this request in the server log.',
          schema: { type: 'string' },
        },
      },
      responses: {
        Invalid: errorResponse(
          'The input is invalid: the diagnostics `account-policy evaluate` prints (code, pointer, message), or malformed JSON, nesting deeper than 64 levels, a __proto__ or constructor.prototype key.',
        ),
        TooLarge: errorResponse('The body is larger than the endpoint accepts.'),
        UnsupportedMediaType: errorResponse('The body is not sent as application/json.'),
        Unavailable: errorResponse(
          'Nothing was decided or logged, and the request may be retried: the decision log could not be written (`log-write-failed`, fail closed), every slot and queue place is taken or the wait for one was too long (`overloaded`), the request outlived its time limit (`time-limit-exceeded`), or the server is shutting down (`shutting-down`). All but `log-write-failed` carry `Retry-After` (seconds).',
        ),
      },
    },
  };
}

/** Every schema file as a component, with what the files leave to the server filled in. */
function componentSchemas(options: DocumentOptions): Json {
  const files = schemaFiles();
  const titles = new Map(COMPONENT_FILES.map((name) => [name, String(files.get(name)?.title)]));
  const schemas: Json = {};
  for (const name of COMPONENT_FILES) {
    const schema = files.get(name);
    if (!schema) throw new Error(`schemas/${name}.schema.json is missing`);
    schemas[titles.get(name)!] = componentOf(schema, titles.get(name)!, titles);
  }
  // What the files leave to the evaluator or to the server's configuration, stated here.
  const request = schemas.EvaluateRequest as { properties: Json };
  request.properties.snapshot = {
    ...(request.properties.snapshot as Json),
    $ref: ref('AccountSnapshot'),
  };
  const batch = schemas.BatchRequest as { properties: { items: Json } };
  batch.properties.items = {
    ...batch.properties.items,
    maxItems: options.maxBatchItems,
    items: { $ref: ref('EvaluateRequest') },
  };
  return schemas;
}

/** A schema file as a component: no $id/$schema, and every reference pointing into components. */
function componentOf(node: unknown, own: string, titles: ReadonlyMap<string, string>): Json {
  return rewrite(node, own, titles) as Json;
}

function rewrite(node: unknown, own: string, titles: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, own, titles));
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id' || key === '$schema') continue;
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? componentRef(value, own, titles)
        : rewrite(value, own, titles);
  }
  return out;
}

function componentRef(target: string, own: string, titles: ReadonlyMap<string, string>): string {
  const [file = '', fragment = ''] = target.split('#');
  if (file === '') return ref(own, fragment);
  const name = file.replace(/^.*\//, '').replace(/\.schema\.json$/, '');
  const title = titles.get(name as (typeof COMPONENT_FILES)[number]);
  if (!title) throw new Error(`${own} refers to ${target}, which is not a component`);
  return ref(title, fragment);
}
