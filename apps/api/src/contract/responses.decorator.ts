import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { errorBodySchema } from './error-body';
import { schemaRef } from './openapi-schemas';

/** What each refusal means, as the exception filter and the middleware give it. */
export const REFUSALS = {
  400: 'the body is not valid JSON, or the request was cut short',
  401: 'no API key, or a key that is not known',
  403: 'outside the key’s role or simulations, or a `Host` outside the allow-list',
  404: 'no such simulation',
  409: 'a conflict: other writers moved the simulation (`WrongExpectedRevision`), the simulation exists, nothing to resume, or the log is not intact',
  410: 'the simulation was deleted; its id is not used again',
  413: 'the body, its steps or its records are over the limits',
  415: 'a body of a media type this route does not take',
  422: 'invalid input: `field` names the field at fault',
  429: 'past the rate limit',
  503: 'the store does not answer, or is read-only or failing',
  507: 'the store’s disk is full',
} as const;

export type Refusal = keyof typeof REFUSALS;

/** A JSON body described by a registered schema. */
export const Returns = (status: number, description: string, schema: z.ZodType) =>
  ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: schemaRef(schema) } },
  });

/** A body that is text of one or more media types (NDJSON, lines, YAML, server-sent events). */
export const ReturnsText = (status: number, description: string, types: string[]) =>
  ApiResponse({
    status,
    description,
    content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' } }])),
  });

/** The refusals a route can answer besides those of access and rate (added from its rule). */
export const Refuses = (...statuses: Refusal[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: REFUSALS[status],
        content: { 'application/json': { schema: schemaRef(errorBodySchema) } },
      }),
    ),
  );
