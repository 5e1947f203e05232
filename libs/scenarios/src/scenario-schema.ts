import { z } from 'zod';
import {
  DEFAULT_POLICY,
  DURATION_POLICIES,
  POLICY_NAMES,
  parseDuration,
  type Policy,
} from '@tokentrail/domain';
import { QUERY_KINDS } from '@tokentrail/projections';

const name = z.string().min(1);
const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null)
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (e.g. 90s, 15m, 10h, 1d)` });
  return ms ?? 0;
});

/** Policy overrides: the names of SEMANTICS.md, durations as "15m" (or seconds). */
const policyShape = Object.fromEntries(
  POLICY_NAMES.map((p) => [
    p,
    (DURATION_POLICIES.has(p)
      ? duration
      : p === 'logonCacheVerifier'
        ? z.enum(['mscache-v1', 'mscache-v2'])
        : typeof DEFAULT_POLICY[p] === 'number'
          ? z.number().int().min(0)
          : z.boolean()
    ).optional(),
  ]),
) as unknown as Record<keyof Policy, z.ZodType>;
export const policySchema = z
  .strictObject(policyShape)
  .transform(
    (p) =>
      Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Partial<Policy>,
  );

const sidList = z.array(z.string().regex(/^S-1(-\d+)+$/, 'not a SID'));
const user = z.union([
  name,
  z.strictObject({ name, sid: z.string().optional(), sidHistory: sidList.optional() }),
]);
const group = z.union([
  name,
  z.strictObject({
    name,
    sid: z.string().optional(),
    sidHistory: sidList.optional(),
    members: z.array(name).optional(),
  }),
]);
const computer = z.union([
  name,
  z.strictObject({
    name,
    sid: z.string().optional(),
    policy: policySchema.optional(),
    localAdmins: z.array(name).optional(),
  }),
]);

const service = z.enum(['smb', 'http', 'ldap', 'smtp', 'pop3', 'rpc', 'sql', 'file']);
const auth = z.enum(['kerberos', 'ntlm', 'schannel', 'basic']);

/** The step verbs of SCENARIOS.md and their arguments. */
export const VERB_SCHEMAS = {
  createUser: z.strictObject({ name }),
  createGroup: z.strictObject({ name }),
  createComputer: z.strictObject({ name }),
  deletePrincipal: z.strictObject({ name }),
  addMember: z.strictObject({ group: name, member: name }),
  removeMember: z.strictObject({ group: name, member: name }),
  addSidHistory: z.strictObject({
    principal: name,
    sid: z.string().regex(/^S-1(-\d+)+$/, 'not a SID'),
  }),
  logon: z.strictObject({
    user: name,
    machine: name,
    session: name,
    type: z.enum(['interactive', 'rdp']).optional(),
  }),
  logoff: z.strictObject({ session: name }),
  purge: z.strictObject({ session: name, elevated: z.boolean().optional() }),
  purgeSystem: z.strictObject({ machine: name }),
  startProcess: z.strictObject({
    session: name,
    process: name,
    elevated: z.boolean().optional(),
    com: z.boolean().optional(),
  }),
  endProcess: z.strictObject({ process: name }),
  access: z
    .strictObject({
      id: name.optional(),
      process: name.optional(),
      session: name.optional(),
      server: name.optional(),
      service,
      auth,
      connection: name.optional(),
      elevated: z.boolean().optional(),
      delegateTo: name.optional(),
    })
    .refine((a) => !!a.process !== !!a.session, {
      message: 'give exactly one of process or session',
      path: ['session'],
    })
    .refine((a) => a.service === 'file' || !!a.server, {
      message: 'required unless service is file',
      path: ['server'],
    })
    .refine((a) => a.service !== 'smb' || a.auth === 'kerberos' || a.auth === 'ntlm', {
      message: 'smb takes kerberos or ntlm',
      path: ['auth'],
    }),
  closeConnection: z.strictObject({ connection: name }),
  restart: z.strictObject({ machine: name }),
  restartService: z.strictObject({ machine: name, service: name }),
  dcReachable: z.strictObject({ machine: name, reachable: z.boolean() }),
  setPolicy: z.strictObject({ machine: name.optional(), ...policyShape }),
} as const;

export type StepVerb = keyof typeof VERB_SCHEMAS;
export const STEP_VERBS = Object.keys(VERB_SCHEMAS) as StepVerb[];

const groupList = z.array(name);
export const expectSchema = z.strictObject({
  includes: groupList.optional(),
  excludes: groupList.optional(),
  equals: groupList.optional(),
  denied: z.boolean().optional(),
  none: z.boolean().optional(),
});
export type Expectation = z.infer<typeof expectSchema>;

export const scenarioSchema = z.strictObject({
  scenario: z.string().min(1),
  start: z.string().min(1),
  policy: policySchema.optional(),
  domain: z.strictObject({
    name,
    sid: z
      .string()
      .regex(/^S-1-5-21-\d+-\d+-\d+$/, 'not a domain SID (S-1-5-21-a-b-c)')
      .optional(),
    users: z.array(user).optional(),
    groups: z.array(group).optional(),
    computers: z.array(computer).optional(),
  }),
  steps: z.array(z.record(z.string(), z.unknown())).optional(),
  queries: z.array(z.record(z.string(), z.unknown())).optional(),
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;

/** Query arguments (SCENARIOS.md); names are checked against the simulation when answered. */
export const QUERY_SCHEMAS = {
  truth: z.strictObject({ principal: name }),
  token: z.strictObject({
    session: name.optional(),
    elevated: z.boolean().optional(),
    process: name.optional(),
    machine: name.optional(),
  }),
  tgt: z.strictObject({
    session: name.optional(),
    elevated: z.boolean().optional(),
    machine: name.optional(),
  }),
  logonCache: z.strictObject({ machine: name, user: name }),
  basicCache: z.strictObject({ server: name, user: name }),
  smbSession: z.strictObject({ session: name, elevated: z.boolean().optional(), server: name }),
  stale: z
    .strictObject({ principal: name.optional() })
    .nullish()
    .transform((v) => v ?? {}),
  explain: z.strictObject({
    access: name.optional(),
    session: name.optional(),
    elevated: z.boolean().optional(),
    process: name.optional(),
    machine: name.optional(),
    server: name.optional(),
    user: name.optional(),
    of: z.enum(['token', 'tgt', 'smbSession', 'basicCache']).optional(),
  }),
  remediate: z
    .strictObject({
      principal: name,
      server: name.optional(),
      service: service.optional(),
      auth: auth.optional(),
      session: name.optional(),
    })
    .refine((r) => !!r.session || (!!r.server && !!r.service && !!r.auth), {
      message: 'give a session, or server + service + auth',
      path: ['server'],
    }),
} satisfies Record<(typeof QUERY_KINDS)[number], z.ZodType>;
