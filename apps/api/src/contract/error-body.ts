import { z } from 'zod';
import { named } from './openapi-schemas';

/**
 * Every refusal's body, from the exception filter and the middleware alike: the status, the
 * error's name, one line saying why, and the field at fault where there is one.
 */
export const errorBodySchema = named(
  'Error',
  z.object({
    statusCode: z.number().int(),
    error: z.string().describe('UnknownSimulation, WrongExpectedRevision, ScenarioInvalid, …'),
    message: z.string(),
    field: z
      .string()
      .nullable()
      .optional()
      .describe(
        '422: the field at fault (`logon.user`, `steps[3].access.server`; empty: the body)',
      ),
    stream: z.string().optional().describe('409 WrongExpectedRevision: the stream'),
    expected: z.string().optional().describe('409 WrongExpectedRevision: the expected revision'),
    actual: z.string().optional().describe('409 WrongExpectedRevision: the actual revision'),
  }),
);

export type ErrorBody = z.infer<typeof errorBodySchema>;
