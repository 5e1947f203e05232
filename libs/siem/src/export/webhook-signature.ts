import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-tokentrail-signature';

/**
 * `X-Tokentrail-Signature: t=<unix seconds>,v1=<hex>` where hex is HMAC-SHA256 keyed with the
 * shared secret over `<t>.<raw request body>`. A receiver recomputes it from the raw body and the
 * header's t, compares in constant time, and refuses a t too far from its clock (a replay). The
 * `v1=` scheme name leaves room for another algorithm later.
 */
export function webhookSignature(secret: string, body: string, unixSeconds: number): string {
  const hex = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${hex}`;
}
