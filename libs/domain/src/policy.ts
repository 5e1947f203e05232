import { z } from 'zod';
import { parseDuration } from './duration';

/** A duration as users write it ("15m", or seconds as a number), in milliseconds once parsed. */
export const durationSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (e.g. 90s, 15m, 10h, 1d)` });
    return z.NEVER;
  }
  return ms;
});

const count = z.number().int().min(0);

/**
 * Every named setting of SEMANTICS.md, as overrides: a scenario overrides them for the whole
 * simulation, a computer for itself; `setPolicy` changes them from a moment on.
 */
export const policyShape = {
  cachedLogonsCount: count
    .optional()
    .describe('§3 logon cache capacity in distinct users; 0 disables it'),
  tokenFromLogonCache: z
    .boolean()
    .optional()
    .describe('§3 build the interactive token from the cache entry even when a DC answers'),
  logonCacheVerifier: z
    .enum(['mscache-v1', 'mscache-v2'])
    .optional()
    .describe('§3 the verifier the cache stores: MD4 of MD4 (v1) or iterated SHA-1 (v2)'),
  uac: z.boolean().optional().describe("§4 split an administrator's logon into two halves"),
  maxTokenSids: count.optional().describe('§2 a token that would hold more SIDs is not built'),
  maxTicketAge: durationSchema.optional().describe('§5 lifetime of TGTs and service tickets'),
  maxRenewAge: durationSchema
    .optional()
    .describe('§5 how long after issuance an expired TGT may be renewed instead of re-requested'),
  renewRefreshesPac: z.boolean().optional().describe('§5 renewing a TGT copies a fresh PAC'),
  smbIdleTimeout: durationSchema.optional().describe('§8 an idle SMB session closes after this'),
  basicTokenTtl: durationSchema
    .optional()
    .describe('§9 lifetime of a Basic-authentication token cache entry (IIS UserTokenTTL)'),
};

export const policySchema = z.strictObject(policyShape);
export type PolicyOverrides = z.output<typeof policySchema>;
/** Durations in milliseconds. */
export type Policy = Required<PolicyOverrides>;

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  cachedLogonsCount: 10,
  tokenFromLogonCache: true,
  logonCacheVerifier: 'mscache-v2',
  uac: true,
  maxTokenSids: 1025,
  maxTicketAge: 10 * 3_600_000,
  maxRenewAge: 7 * 86_400_000,
  renewRefreshesPac: false,
  smbIdleTimeout: 10 * 60_000,
  basicTokenTtl: 15 * 60_000,
});

/** Only the settings given: a parsed override without its absent keys. */
export function overridesOnly(p: PolicyOverrides): PolicyOverrides {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
}

/** Defaults, then the simulation's overrides, then the machine's. */
export function effectivePolicy(
  simulation: PolicyOverrides,
  machine: PolicyOverrides = {},
): Policy {
  return { ...DEFAULT_POLICY, ...simulation, ...machine };
}
