import type { StoreConfig } from '@tokentrail/event-store';
import { fingerprintOfFile, loadSigningKey } from '@tokentrail/event-store/signed-head';
import { InvalidArgument } from '@tokentrail/domain';

/**
 * The fingerprints whose signed heads `verify` trusts: `--public-key` files, `--fingerprint`
 * values, TOKENTRAIL_VERIFY_KEY and the configured signing key's own.
 */
export function trustedFingerprints(
  o: { publicKey?: string[]; fingerprint?: string[] },
  config: Pick<StoreConfig, 'TOKENTRAIL_SIGNING_KEY' | 'TOKENTRAIL_VERIFY_KEY'>,
): string[] {
  const given = (o.fingerprint ?? []).map((f) => {
    if (!/^sha256:[0-9a-f]{64}$/.test(f))
      throw new InvalidArgument('fingerprint', `"${f}" is not sha256: and 64 hex digits`);
    return f;
  });
  return [
    ...given,
    ...(o.publicKey ?? []).map(fingerprintOfFile),
    ...(config.TOKENTRAIL_VERIFY_KEY ? [fingerprintOfFile(config.TOKENTRAIL_VERIFY_KEY)] : []),
    ...(config.TOKENTRAIL_SIGNING_KEY
      ? [loadSigningKey(config.TOKENTRAIL_SIGNING_KEY).fingerprint]
      : []),
  ];
}

/** Collects a repeatable option's values. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
