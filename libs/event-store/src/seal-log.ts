import { LogNotIntact } from './log-not-intact.error';
import { z } from 'zod';
import { signHeads, signedHeadSchema, type SignedHead, type SigningKey } from './signed-head';
import type { SqliteEventStore } from './sqlite-event-store';
import { SEALS_STREAM } from './verify-log';

/** What signing the heads did: the body of `POST /seals`. */
export const sealResultSchema = z.object({
  /** False when nothing was appended since the last signed head (it is returned instead). */
  sealed: z.boolean(),
  head: signedHeadSchema,
  /** The signed head's revision in `$seals`. */
  revision: z.number().int(),
});
export type SealResult = z.infer<typeof sealResultSchema>;

const sameHeads = (a: SignedHead['heads'], b: SignedHead['heads']) =>
  a.length === b.length &&
  a.every(
    (h, i) => h.stream === b[i].stream && h.revision === b[i].revision && h.hash === b[i].hash,
  );

/**
 * Signs the heads of every stream (but `$seals`) and appends the signed head to `$seals`, after
 * verifying the log against the previous ones: a tampered log is refused, not signed.
 */
export async function sealLog(
  store: SqliteEventStore,
  key: SigningKey,
  now: () => Date = () => new Date(),
): Promise<SealResult> {
  // Every signed head whose signature holds counts here, whatever its key (keys are rotated).
  const report = await store.verifyLog();
  if (!report.ok) throw new LogNotIntact(`not sealed: ${report.problems[0]}`);
  const heads = report.streams
    .filter((s) => s.head && s.stream !== SEALS_STREAM)
    .map((s) => ({
      stream: s.stream,
      revision: String(s.head?.revision),
      hash: String(s.head?.hash),
    }))
    .sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  for await (const last of store.readStream(SEALS_STREAM, {
    direction: 'backwards',
    maxCount: 1,
  })) {
    const previous = last.data as SignedHead;
    if (previous.fingerprint === key.fingerprint && sameHeads(previous.heads, heads))
      return { sealed: false, head: previous, revision: Number(last.revision) };
  }
  const head = signHeads(key, heads, now().toISOString());
  const { nextRevision } = await store.append(SEALS_STREAM, [
    {
      type: 'HeadsSealed',
      data: head,
      metadata: { occurredAt: head.sealedAt, schemaVersion: 1 },
    },
  ]);
  return { sealed: true, head, revision: Number(nextRevision) };
}
