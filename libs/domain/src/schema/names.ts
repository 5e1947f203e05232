import { z } from 'zod';

/** A name of a principal, machine, session, process or connection as users write it. */
export const nameSchema = z.string().min(1).max(256);
export const sidSchema = z.string().regex(/^S-1(-\d+)+$/, 'not a SID');
export const domainSidSchema = z
  .string()
  .regex(/^S-1-5-21-\d+-\d+-\d+$/, 'not a domain SID (S-1-5-21-a-b-c)');

/** SCENARIOS.md `access`: what is reached, and how the caller authenticates. */
export const serviceSchema = z.enum(['smb', 'http', 'ldap', 'smtp', 'pop3', 'rpc', 'sql', 'file']);
export const authSchema = z.enum(['kerberos', 'ntlm', 'schannel', 'basic']);
export type Service = z.infer<typeof serviceSchema>;
export type Auth = z.infer<typeof authSchema>;
