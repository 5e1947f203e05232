import { z } from 'zod';
import type { ChainRow } from './chain-walk';
import { LogNotIntact } from './log-not-intact.error';
import type { LogReport } from './log-report';
import { signHeads, signedHeadSchema, type SignedHead, type SigningKey } from './signed-head';
import { UnusableFile } from './unusable-file.error';
import { verifyLog, type ChainSource } from './verify-log';

export const BUNDLE_FORMAT = 'tokentrail-evidence-bundle/1';

const metadataSchema = z.object({
  eventId: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  correlationId: z.string().nullable(),
  causationId: z.string().nullable(),
  schemaVersion: z.number(),
  aggregate: z.string().nullable(),
  command: z.number().nullable(),
});

/**
 * A simulation's evidence, checkable with no store: its streams' events exactly as stored (data
 * as the stored JSON text, every field the chain commits to, and each hash), their heads signed
 * at export, the public key and its fingerprint, and which tool made it when.
 */
export const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  tool: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  simulation: z.string(),
  streams: z.array(
    z.object({
      stream: z.string(),
      events: z.array(
        z.object({
          revision: z.number().int(),
          globalPosition: z.number().int().nullable(),
          type: z.string(),
          data: z.string(),
          metadata: metadataSchema,
          hash: z.string(),
        }),
      ),
    }),
  ),
  signedHead: signedHeadSchema.nullable(),
  publicKey: z.string().nullable(),
  fingerprint: z.string().nullable(),
});

export type EvidenceBundle = z.infer<typeof bundleSchema>;

/** Reads every row of `streams` from the store. */
function rowsOf(source: ChainSource, stream: string): ChainRow[] {
  const rows: ChainRow[] = [];
  for (let page = source.page(stream, 0, 1000); ; page = source.page(stream, rows.length, 1000)) {
    rows.push(...page);
    if (page.length < 1000) return rows;
  }
}

/**
 * Bundles a simulation's streams after verifying them against the store's signed heads; a log
 * that fails is not bundled. With a key, the streams' heads are signed at `now`.
 */
export async function buildBundle(
  source: ChainSource,
  simulation: string,
  streams: readonly string[],
  key: SigningKey | null,
  tool: { name: string; version: string },
  now: Date = new Date(),
): Promise<EvidenceBundle> {
  const report = await verifyLog(source, { streams, trusted: key ? [key.fingerprint] : [] });
  if (!report.ok) throw new LogNotIntact(`not bundled: ${report.problems[0]}`);
  const bundled = streams
    .map((stream) => ({
      stream,
      events: rowsOf(source, stream).map((r) => ({
        revision: r.revision,
        globalPosition: r.globalPosition,
        type: r.type,
        data: r.dataText,
        metadata: r.metadata,
        hash: r.hash,
      })),
    }))
    .filter((s) => s.events.length > 0);
  const createdAt = now.toISOString();
  const heads = bundled.map((s) => {
    const last = s.events[s.events.length - 1];
    return { stream: s.stream, revision: String(last.revision), hash: last.hash };
  });
  return {
    format: BUNDLE_FORMAT,
    tool,
    createdAt,
    simulation,
    streams: bundled,
    signedHead: key ? signHeads(key, heads, createdAt) : null,
    publicKey: key?.publicKeyPem ?? null,
    fingerprint: key?.fingerprint ?? null,
  };
}

/** A bundle read from JSON text; anything not a bundle is refused in one line. */
export function parseBundle(text: string, file: string): EvidenceBundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnusableFile(`${file} is not JSON, so not an evidence bundle`);
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnusableFile(
      `${file} is not a tokentrail evidence bundle: ${issue.path.join('.') || '(top)'} ${issue.message}`,
    );
  }
  return parsed.data;
}

/** The bundle's events as a source the verifier reads like a store. */
function bundleSource(bundle: EvidenceBundle): ChainSource {
  const byStream = new Map(bundle.streams.map((s) => [s.stream, s.events]));
  return {
    streams: () => [...byStream.keys()],
    page: (stream, from, limit) =>
      (byStream.get(stream) ?? [])
        .filter((e) => e.revision >= from)
        .slice(0, limit)
        .map((e) => ({
          stream,
          revision: e.revision,
          globalPosition: e.globalPosition,
          type: e.type,
          dataText: e.data,
          metadata: e.metadata,
          hash: e.hash,
        })),
  };
}

/**
 * Checks a bundle on its own: every chain from its first event, and, when it is signed, that each
 * stream ends exactly at its signed head (so removed last events and a recomputed chain show).
 * `trusted` pins the signing key by fingerprint.
 */
export async function verifyBundle(
  bundle: EvidenceBundle,
  trusted: readonly string[] = [],
): Promise<LogReport> {
  const signed: SignedHead[] = bundle.signedHead ? [bundle.signedHead] : [];
  const named = new Set([
    ...bundle.streams.map((s) => s.stream),
    ...signed.flatMap((h) => h.heads.map((x) => x.stream)),
  ]);
  const report = await verifyLog(bundleSource(bundle), {
    streams: [...named],
    trusted,
    signedHeads: signed,
  });
  // Events past the signed head were added after signing: the signature does not cover them.
  for (const h of bundle.signedHead?.heads ?? []) {
    const verdict = report.streams.find((s) => s.stream === h.stream);
    if (verdict?.head && !verdict.problem && verdict.head.revision > Number(h.revision)) {
      const message = `${h.stream} has events after its signed head (revision ${h.revision}): they were added to the bundle`;
      verdict.problem = {
        kind: 'altered',
        revision: Number(h.revision) + 1,
        globalPosition: null,
        message,
      };
      report.problems.push(message);
      report.ok = false;
    }
  }
  return report;
}
