import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UnusableFile } from './unusable-file.error';

export const SIGNED_HEAD_FORMAT = 'tokentrail-signed-head/1';

/** One stream's head as signed: revision as decimal text (JSON has no 64-bit integers). */
export const signedStreamHeadSchema = z.object({
  stream: z.string(),
  revision: z.string(),
  hash: z.string(),
});
export type SignedStreamHead = z.infer<typeof signedStreamHeadSchema>;

/**
 * Heads of streams signed with Ed25519 at a moment: proof that the key's holder saw these chains
 * end there. It carries its public key, so it checks anywhere; whether that key is the right one
 * is decided by its fingerprint (`trusted` keys given to the checker).
 */
export const signedHeadSchema = z.object({
  format: z.literal(SIGNED_HEAD_FORMAT),
  sealedAt: z.string(),
  heads: z.array(signedStreamHeadSchema),
  publicKey: z.string(),
  fingerprint: z.string(),
  signature: z.string(),
});
export type SignedHead = z.infer<typeof signedHeadSchema>;

/** What is signed: a fixed-order JSON array, so no canonicalisation library is needed. */
function signedBytes(sealedAt: string, heads: readonly SignedStreamHead[]): Buffer {
  return Buffer.from(
    JSON.stringify([
      SIGNED_HEAD_FORMAT,
      sealedAt,
      heads.map((h) => [h.stream, h.revision, h.hash]),
    ]),
  );
}

/** `sha256:` and the hex SHA-256 of the public key's DER (SPKI) encoding. */
export function fingerprintOf(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
}

/** An Ed25519 private key (PKCS#8 PEM) from a file; anything else is refused in one line. */
export function loadSigningKey(file: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new UnusableFile(
      `TOKENTRAIL_SIGNING_KEY ${file}: not a readable private key (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new UnusableFile(
      `TOKENTRAIL_SIGNING_KEY ${file}: an Ed25519 key is needed, not ${privateKey.asymmetricKeyType}`,
    );
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(publicKey),
  };
}

/** The fingerprint of a public (or private) key in a PEM file: what a checker pins. */
export function fingerprintOfFile(file: string): string {
  try {
    return fingerprintOf(createPublicKey(readFileSync(file)));
  } catch (error) {
    throw new UnusableFile(
      `${file}: not a readable public key (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

export function signHeads(
  key: SigningKey,
  heads: readonly SignedStreamHead[],
  sealedAt: string,
): SignedHead {
  const sorted = [...heads].sort((a, b) =>
    a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0,
  );
  return {
    format: SIGNED_HEAD_FORMAT,
    sealedAt,
    heads: sorted,
    publicKey: key.publicKeyPem,
    fingerprint: key.fingerprint,
    signature: sign(null, signedBytes(sealedAt, sorted), key.privateKey).toString('base64'),
  };
}

/**
 * Null when the signature holds and the fingerprint is its key's; otherwise why not, in words.
 * Whether the key is trusted is the caller's question.
 */
export function signedHeadProblem(head: SignedHead): string | null {
  try {
    if (head.format !== SIGNED_HEAD_FORMAT) return `unknown format ${JSON.stringify(head.format)}`;
    const key = createPublicKey(head.publicKey);
    if (key.asymmetricKeyType !== 'ed25519') return 'its key is not Ed25519';
    if (fingerprintOf(key) !== head.fingerprint) return 'its fingerprint is not its key’s';
    const ok = verify(
      null,
      signedBytes(head.sealedAt, head.heads),
      key,
      Buffer.from(head.signature, 'base64'),
    );
    return ok ? null : 'the signature does not match the heads';
  } catch (error) {
    return `it cannot be read (${(error as Error).message})`;
  }
}
