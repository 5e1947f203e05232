import { simulationStatusSchema } from '@tokentrail/projections';
import { runOutputSchema } from '@tokentrail/scenarios';
import { z } from 'zod';
import { named } from './openapi-schemas';

/** A simulation as the projections know it. */
export const simulationSummarySchema = named(
  'SimulationSummary',
  z.object({
    id: z.string(),
    status: simulationStatusSchema.describe('`incomplete`: a run started and never completed'),
    events: z.number().int(),
    firstAt: z.string(),
    lastAt: z.string(),
    lastGlobalPosition: z.string(),
    monotonic: z.boolean().describe('whether occurredAt never goes backwards in log order'),
  }),
);
export type SimulationSummary = z.infer<typeof simulationSummarySchema>;

export const simulationListSchema = named(
  'SimulationList',
  z.object({ simulations: z.array(simulationSummarySchema) }),
);
export type SimulationList = z.infer<typeof simulationListSchema>;

/** A scenario run or an import into the simulation, as its run stream records it. */
export const runSchema = named(
  'Run',
  z.object({
    run: z.string(),
    kind: z.enum(['scenario', 'import']),
    title: z.string(),
    commands: z.number().int().nullable(),
    planHash: z.string().nullable(),
    startedAt: z.string(),
    completed: z.boolean(),
  }),
);

export const simulationDetailSchema = named(
  'SimulationDetail',
  z.object({
    id: z.string(),
    status: simulationStatusSchema,
    events: z.number().int(),
    lastAt: z.string().nullable(),
    lastGlobalPosition: z.string().nullable(),
    runs: z.array(runSchema),
    projected: simulationSummarySchema.nullable().describe('null until the projector reaches it'),
    machines: z.array(z.object({ name: z.string(), up: z.boolean(), boot: z.number().int() })),
    sessions: z.array(
      z.object({
        label: z.string(),
        user: z.string(),
        machine: z.string(),
        halves: z.array(z.enum(['limited', 'elevated'])),
        denied: z.boolean(),
        loggedOff: z.boolean(),
      }),
    ),
  }),
);
export type SimulationDetail = z.infer<typeof simulationDetailSchema>;

export const simulationDeletedSchema = named(
  'SimulationDeleted',
  z.object({ simulation: z.string(), deleted: z.literal(true), events: z.number().int() }),
);
export type SimulationDeleted = z.infer<typeof simulationDeletedSchema>;

/** A scenario run over HTTP: the results of SCENARIOS.md and the simulation they went into. */
export const scenarioRunSchema = named(
  'ScenarioRun',
  runOutputSchema.extend({ simulation: z.string() }),
);
export type ScenarioRun = z.infer<typeof scenarioRunSchema>;
