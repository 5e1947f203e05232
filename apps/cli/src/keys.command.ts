import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgument } from '@tokentrail/domain';
import { fingerprintOfFile } from '@tokentrail/event-store/signed-head';
import { ROLES, hashApiKey, keyFileSchema, type Role } from '../../api/src/api-keys';
import { reportErrors } from './report-errors';

/** A new API key: printed once, for its holder; the key file keeps only its hash. */
async function apiKey(o: { role: string; id: string; simulations?: string }): Promise<void> {
  if (!ROLES.includes(o.role as Role))
    throw new InvalidArgument('role', `"${o.role}" is not one of ${ROLES.join(', ')}`);
  const key = `tt_${randomBytes(32).toString('base64url')}`;
  const entry = {
    id: o.id,
    role: o.role as Role,
    sha256: hashApiKey(key),
    ...(o.simulations ? { simulations: o.simulations.split(',').map((s) => s.trim()) } : {}),
  };
  const parsed = keyFileSchema.safeParse({ keys: [entry] });
  if (!parsed.success)
    throw new InvalidArgument(
      String(parsed.error.issues[0].path.at(-1) ?? 'key'),
      parsed.error.issues[0].message,
    );
  console.log(`key (give it to its holder once; it is not stored anywhere): ${key}`);
  console.log(`entry for the "keys" array of TOKENTRAIL_API_KEYS_FILE: ${JSON.stringify(entry)}`);
}

/** A new Ed25519 signing key (FILE, mode 0600) and its public key (FILE.pub) to hand out. */
async function signingKey(o: { out: string }): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  try {
    writeFileSync(o.out, privateKey, { mode: 0o600, flag: 'wx' });
    writeFileSync(`${o.out}.pub`, publicKey, { flag: 'wx' });
  } catch (error) {
    throw new InvalidArgument(
      'out',
      `cannot write ${o.out} or ${o.out}.pub: ${(error as NodeJS.ErrnoException).code} (an existing key is never overwritten)`,
    );
  }
  console.log(
    `private key: ${o.out} (set TOKENTRAIL_SIGNING_KEY=${o.out}; keep it from the store's host backups)`,
  );
  console.log(`public key:  ${o.out}.pub, fingerprint ${fingerprintOfFile(`${o.out}.pub`)}`);
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('make API keys and signing keys');
  keys
    .command('api')
    .description('make an API key: prints the key once and the hashed entry for the key file')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .requiredOption('--id <name>', 'names the key in answers and logs')
    .option('--simulations <ids>', 'limit the key to these simulations (comma-separated)')
    .action(reportErrors(apiKey));
  keys
    .command('signing')
    .description('make an Ed25519 key pair for signed heads and bundles')
    .requiredOption('--out <file>', 'where the private key goes (the public key: FILE.pub)')
    .action(reportErrors(signingKey));
}
