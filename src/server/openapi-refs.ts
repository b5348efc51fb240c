/** The pieces the OpenAPI document repeats: component references and response objects. */

export type Json = Record<string, unknown>;

export function ref(component: string, fragment = ''): string {
  return `#/components/schemas/${component}${fragment}`;
}

/** A success answer: the digest and request-id headers, and a JSON body of `component`. */
export function ok(description: string, component: string, fragment = ''): Json {
  return {
    description,
    headers: {
      'x-rules-digest': { $ref: '#/components/headers/RulesDigest' },
      'x-request-id': { $ref: '#/components/headers/RequestId' },
    },
    content: { 'application/json': { schema: { $ref: ref(component, fragment) } } },
  };
}

/** An error answer: an ErrorResponse body. */
export function errorResponse(description: string): Json {
  return {
    description,
    content: { 'application/json': { schema: { $ref: ref('ErrorResponse') } } },
  };
}
