import Ajv from 'ajv';

type Json = Record<string, unknown>;
/** An OpenAPI document as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walked by path, asserted by tests
export type OpenApi = Record<string, any>;

/**
 * OpenAPI 3.0's `nullable` as JSON Schema: `{ anyOf: [the schema, null] }` (Ajv reads `nullable`
 * only beside a `type`, not beside `allOf`).
 */
function jsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Json;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, jsonSchema(v)]));
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/**
 * Checks an answer against the schema the document gives for its operation, status and media
 * type: the document is held to what the server really sends.
 */
export function responseChecker(doc: OpenApi) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const components = jsonSchema(doc.components);
  return (method: string, path: string, status: number, body: unknown): string[] => {
    const response = doc.paths[path]?.[method]?.responses?.[String(status)];
    if (!response) return [`${method} ${path} documents no ${status}`];
    const schema = response.content?.['application/json']?.schema as object | undefined;
    if (!schema) return [`${method} ${path} ${status} documents no JSON body`];
    const validate = ajv.compile({ ...(jsonSchema(schema) as object), components });
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${method} ${path} ${status}: ${e.instancePath || '/'} ${e.message ?? ''}`,
    );
  };
}
