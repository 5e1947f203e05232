import { z } from 'zod';

/** The JSON of `tokentrail run FILE --json`, as SCENARIOS.md describes it, checked strictly. */
const answer = {
  none: z.literal(true).optional(),
  groups: z.array(z.string()).optional(),
  sids: z.array(z.string().regex(/^S-1(-\d+)+$/)).optional(),
  denied: z.boolean().optional(),
  reason: z.string().optional(),
  source: z
    .enum([
      'process-token',
      'smb-session',
      'service-ticket',
      'connection',
      'directory',
      'basic-cache',
      'delegation-cache',
    ])
    .optional(),
  items: z.array(z.record(z.string(), z.unknown())).optional(),
};

export const resultRowSchema = z
  .strictObject({
    id: z.string(),
    kind: z.string(),
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    ...answer,
    expect: z.record(z.string(), z.unknown()).optional(),
    pass: z.boolean().nullable(),
  })
  .superRefine((r, ctx) => {
    if (r.none && r.groups) ctx.addIssue({ code: 'custom', message: 'none with groups' });
    if (r.groups && [...r.groups].sort().join('\n') !== r.groups.join('\n'))
      ctx.addIssue({ code: 'custom', message: 'groups not sorted' });
    if (r.kind === 'logon' && r.denied === undefined)
      ctx.addIssue({ code: 'custom', message: 'a logon result says denied' });
    if (r.kind === 'logon' && r.denied && !r.reason)
      ctx.addIssue({ code: 'custom', message: 'a denied logon gives a reason' });
    if (r.kind === 'access' && !r.denied && !r.source)
      ctx.addIssue({ code: 'custom', message: 'an access names its source' });
    if (['stale', 'explain', 'remediate'].includes(r.kind) && !r.items)
      ctx.addIssue({ code: 'custom', message: `${r.kind} carries items` });
    if (r.kind === 'explain')
      r.items?.forEach((i) =>
        ['type', 'at', 'position'].forEach(
          (k) => k in i || ctx.addIssue({ code: 'custom', message: `explain item lacks ${k}` }),
        ),
      );
    if (r.kind === 'stale')
      r.items?.forEach((i) =>
        ['kind', 'id', 'principal', 'missing', 'lingering', 'since'].forEach(
          (k) => k in i || ctx.addIssue({ code: 'custom', message: `stale item lacks ${k}` }),
        ),
      );
    if ((r.expect === undefined) !== (r.pass === null))
      ctx.addIssue({ code: 'custom', message: 'pass is null exactly when there is no expect' });
  });

export const runOutputSchema = z.strictObject({
  scenario: z.string(),
  events: z.number().int().positive(),
  results: z.array(resultRowSchema),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
});
