import { z } from 'zod';
import type { Observation } from '../observe/observation';
import { overridesOnly, policySchema, policyShape } from '../policy';
import { authSchema, domainSidSchema, nameSchema, serviceSchema, sidSchema } from './names';

const name = nameSchema;
const flag = z.boolean().optional();

const access = z
  .strictObject({
    id: name.optional().describe('names the access for results and explain'),
    process: name.optional(),
    session: name.optional(),
    server: name.optional(),
    service: serviceSchema,
    auth: authSchema.optional().describe('required for every network access; not used by file'),
    connection: name.optional().describe('labels a TCP connection: the first access opens it'),
    elevated: flag,
    delegateTo: name.optional().describe('the back-end the server reaches on the user’s behalf'),
  })
  .refine((a) => !!a.process !== !!a.session, {
    message: 'give exactly one of process or session',
    path: ['session'],
  })
  .refine((a) => a.service === 'file' || !!a.server, {
    message: 'required unless service is file',
    path: ['server'],
  })
  .refine((a) => a.service === 'file' || !!a.auth, {
    message: 'required for a network access',
    path: ['auth'],
  })
  .refine((a) => a.service !== 'smb' || a.auth === 'kerberos' || a.auth === 'ntlm', {
    message: 'smb takes kerberos or ntlm',
    path: ['auth'],
  });

/** The step verbs of SCENARIOS.md: what a scenario step, an HTTP command body and the CLI say. */
export const STEP_VERB_SCHEMAS = {
  createUser: z.strictObject({ name }),
  createGroup: z.strictObject({ name }),
  createComputer: z.strictObject({ name }),
  deletePrincipal: z.strictObject({ name }),
  addMember: z.strictObject({ group: name, member: name }),
  removeMember: z.strictObject({ group: name, member: name }),
  addSidHistory: z.strictObject({ principal: name, sid: sidSchema }),
  logon: z.strictObject({
    user: name,
    machine: name,
    session: name,
    type: z.enum(['interactive', 'rdp']).optional(),
  }),
  logoff: z.strictObject({ session: name }),
  purge: z.strictObject({ session: name, elevated: flag }),
  purgeSystem: z.strictObject({ machine: name }),
  startProcess: z.strictObject({ session: name, process: name, elevated: flag, com: flag }),
  endProcess: z.strictObject({ process: name }),
  access,
  closeConnection: z.strictObject({ connection: name }),
  restart: z.strictObject({ machine: name }),
  restartService: z.strictObject({ machine: name, service: name }),
  dcReachable: z.strictObject({ machine: name, reachable: z.boolean() }),
  // A step names the settings beside `machine`; the command carries them as one override.
  setPolicy: z
    .strictObject({ machine: name.optional(), ...policyShape })
    .transform(({ machine, ...policy }) => ({ machine, policy: overridesOnly(policy) })),
};

/**
 * Verbs no step names: the set-up a scenario's `domain` section implies, and facts read from
 * Windows logs.
 */
export const INTERNAL_VERB_SCHEMAS = {
  createDomain: z.strictObject({
    name,
    sid: domainSidSchema.optional(),
    policy: policySchema.optional(),
  }),
  createPrincipal: z.strictObject({
    kind: z.enum(['user', 'group', 'computer']),
    name,
    sid: sidSchema.optional(),
  }),
  provisionMachine: z.strictObject({
    name,
    policy: policySchema.optional(),
    localAdmins: z.array(name).optional(),
  }),
  boot: z.strictObject({ machine: name }),
  shutdown: z.strictObject({ machine: name }),
  /** One fact read from a Windows Security log (SIEM import); built in code, never parsed. */
  observe: z.custom<Observation>(),
};

export const VERB_SCHEMAS = { ...STEP_VERB_SCHEMAS, ...INTERNAL_VERB_SCHEMAS };

export type StepVerb = keyof typeof STEP_VERB_SCHEMAS;
export type Verb = keyof typeof VERB_SCHEMAS;
export const STEP_VERBS = Object.keys(STEP_VERB_SCHEMAS) as StepVerb[];

/** A verb's arguments as the domain decides on them (durations in ms, overrides gathered). */
export type CommandArgs = { [V in Verb]: z.output<(typeof VERB_SCHEMAS)[V]> };
export type SimCommand = { [V in Verb]: { verb: V; args: CommandArgs[V] } }[Verb];
export type CommandOf<V extends Verb> = Extract<SimCommand, { verb: V }>;
