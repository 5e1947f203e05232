import { randomBytes } from 'node:crypto';
import { hashApiKey, type Role } from '../../apps/api/src/api-keys';

/**
 * API keys for a test server: each id with its role, a fresh key per id, and the key file's JSON
 * (hashes only) to hand the server as TOKENTRAIL_API_KEYS.
 */
export function keyring<Id extends string>(roles: Record<Id, Role>) {
  const key = Object.fromEntries(
    Object.keys(roles).map((id) => [id, `tt_test_${id}_${randomBytes(16).toString('hex')}`]),
  ) as Record<Id, string>;
  const json = JSON.stringify({
    keys: (Object.entries(roles) as [Id, Role][]).map(([id, role]) => ({
      id,
      role,
      sha256: hashApiKey(key[id]),
    })),
  });
  return { key, json };
}
