import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InvalidConfiguration } from '@tokentrail/event-store';

/** Each role can do what the one before it can, and more. */
export const ROLES = ['reader', 'writer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleAtLeast = (held: Role, needed: Role) =>
  ROLES.indexOf(held) >= ROLES.indexOf(needed);

const entrySchema = z
  .object({
    /** Names the key in answers and logs: the key itself is never logged or stored. */
    id: z.string().min(1).max(100),
    role: z.enum(ROLES),
    /** Hex SHA-256 of the key (keys are 256-bit random, so a fast hash is enough). */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
    /** The simulations the key may touch; absent: all. */
    simulations: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export const keyFileSchema = z.object({ keys: z.array(entrySchema).min(1) }).strict();

export type ApiKey = z.infer<typeof entrySchema>;

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** The keys the server accepts, found by the hash of what a request presents. */
export class ApiKeys {
  private readonly byHash: Map<string, ApiKey>;

  constructor(readonly entries: readonly ApiKey[]) {
    this.byHash = new Map(entries.map((k) => [k.sha256, k]));
  }

  get configured(): boolean {
    return this.entries.length > 0;
  }

  find(presented: string): ApiKey | null {
    return this.byHash.get(hashApiKey(presented)) ?? null;
  }
}

/**
 * The keys of TOKENTRAIL_API_KEYS_FILE (a JSON file) or TOKENTRAIL_API_KEYS (the same JSON in the
 * variable); none when neither is set. A bad file is one line naming the variable and the field.
 */
export function loadApiKeys(env: {
  TOKENTRAIL_API_KEYS_FILE?: string;
  TOKENTRAIL_API_KEYS?: string;
}): ApiKeys {
  const variable = env.TOKENTRAIL_API_KEYS_FILE
    ? 'TOKENTRAIL_API_KEYS_FILE'
    : 'TOKENTRAIL_API_KEYS';
  if (env.TOKENTRAIL_API_KEYS_FILE && env.TOKENTRAIL_API_KEYS)
    throw new InvalidConfiguration(
      'TOKENTRAIL_API_KEYS_FILE and TOKENTRAIL_API_KEYS are both set: give the keys one way',
    );
  let text = env.TOKENTRAIL_API_KEYS;
  if (env.TOKENTRAIL_API_KEYS_FILE) {
    try {
      text = readFileSync(env.TOKENTRAIL_API_KEYS_FILE, 'utf8');
    } catch (error) {
      throw new InvalidConfiguration(
        `TOKENTRAIL_API_KEYS_FILE cannot be read (${(error as NodeJS.ErrnoException).code})`,
      );
    }
  }
  if (text === undefined) return new ApiKeys([]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidConfiguration(`${variable} is not JSON ({ "keys": [ … ] })`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidConfiguration(
      `${variable}: ${issue.path.join('.') || 'keys'} ${issue.message}`,
    );
  }
  const ids = parsed.data.keys.map((k) => k.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new InvalidConfiguration(`${variable}: the id "${twice}" is used twice`);
  return new ApiKeys(parsed.data.keys);
}
