import { bundleSchema } from '@tokentrail/event-store/evidence-bundle';
import { logReportSchema } from '@tokentrail/event-store/log-report';
import { sealResultSchema } from '@tokentrail/event-store/seal-log';
import { z } from 'zod';
import { named } from './openapi-schemas';

/** A simulation's chain checked: its head to write down, and the report of every stream. */
export const verifyAnswerSchema = named(
  'VerifyAnswer',
  logReportSchema.extend({
    simulation: z.string(),
    head: z
      .object({ position: z.number().int(), hash: z.string() })
      .nullable()
      .describe('POS:HASH to write down; null when nothing intact is left'),
  }),
);
export type VerifyAnswer = z.infer<typeof verifyAnswerSchema>;

export const evidenceBundleSchema = named('EvidenceBundle', bundleSchema);
export const sealSchema = named('SealResult', sealResultSchema);
