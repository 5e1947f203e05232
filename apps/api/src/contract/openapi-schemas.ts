import { z } from 'zod';

/**
 * The response bodies the OpenAPI document names, each registered once under its component name.
 * The document's `components.schemas` is generated from this registry, so a body nested in another
 * (an Event in a page of events) is a `$ref`, never a second copy.
 */
export const apiSchemas = z.registry<{ id: string }>();

/** Registers a schema under its component name and returns it. */
export function named<S extends z.ZodType>(id: string, schema: S): S {
  apiSchemas.add(schema, { id });
  return schema;
}

/** A `$ref` to a registered schema. */
export function schemaRef(schema: z.ZodType): { $ref: string } {
  const meta = apiSchemas.get(schema);
  if (!meta) throw new Error('a response schema must be registered with named() first');
  return { $ref: `#/components/schemas/${meta.id}` };
}

/** `components.schemas` in OpenAPI 3.0's dialect of JSON Schema. */
export function componentSchemas(): Record<string, object> {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    target: 'openapi-3.0',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  // `$id` is JSON Schema's, not OpenAPI 3.0's: the component's name already identifies it.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $id: _id, ...schema }]) => [id, typedNullables(schema)]),
  );
}

/**
 * OpenAPI 3.0's `nullable` counts only beside a `type`: a nullable reference (`allOf: [$ref]`, as
 * zod writes it) gets the `type: object` every referenced body has.
 */
function typedNullables<T>(node: T): T {
  if (Array.isArray(node)) return node.map(typedNullables) as T;
  if (node === null || typeof node !== 'object') return node;
  const out = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, typedNullables(value)]),
  ) as Record<string, unknown>;
  if (out.nullable === true && out.type === undefined && out.allOf) out.type = 'object';
  return out as T;
}
