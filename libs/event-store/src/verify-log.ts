import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { walkChain, type ChainPoint, type ChainRow } from './chain-walk';
import type { DeletionRecord, LogReport, SealSummary, StreamVerdict } from './log-report';
import { signedHeadProblem, type SignedHead } from './signed-head';

/** Where a verification reads stored events: a store's file, or an evidence bundle. */
export interface ChainSource {
  /** Every stream that has events. */
  streams(): string[];
  /** Up to `limit` rows of a stream from `fromRevision` on, in revision order. */
  page(stream: string, fromRevision: number, limit: number): ChainRow[];
}

/** Where the store records deletions and signed heads: chained streams like the others. */
export const DELETIONS_STREAM = '$deletions';
export const SEALS_STREAM = '$seals';

const PAGE = 1000;

export interface VerifyLogOptions {
  /** Only these streams (a simulation's); default: every stream the store holds or signed. */
  streams?: readonly string[];
  /**
   * Fingerprints of the keys whose signed heads count. Empty: any head whose signature holds
   * counts, and the report says its key was not pinned (`trusted: null`).
   */
  trusted?: readonly string[];
  /** Signed heads from elsewhere than `$seals` (an evidence bundle's). */
  signedHeads?: readonly SignedHead[];
  /** A head written down elsewhere (a ticket, a report): the stream must pass through it. */
  expect?: { stream: string; revision: number; hash: string };
}

/** A stream's rows in pages; between pages other work runs (the API keeps answering). */
async function* rowsOf(db: ChainSource, stream: string): AsyncGenerator<ChainRow> {
  let from = 0;
  for (;;) {
    const page = db.page(stream, from, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    from = page[page.length - 1].revision + 1;
    await yieldToOthers();
  }
}

/** Walks a stream while keeping each row's data, parsed, for the caller. */
async function walkKeeping<T>(db: ChainSource, stream: string) {
  const kept: { revision: number; data: T; occurredAt: string }[] = [];
  async function* tap() {
    for await (const row of rowsOf(db, stream)) {
      kept.push({
        revision: row.revision,
        data: JSON.parse(row.dataText) as T,
        occurredAt: row.metadata.occurredAt,
      });
      yield row;
    }
  }
  const verdict = await walkChain(stream, tap());
  const intact = verdict.head?.revision ?? -1;
  return { verdict, kept: kept.filter((k) => k.revision <= intact) };
}

/** Signed heads that hold (and come from a trusted key, when keys are pinned), as chain points. */
function sealPoints(
  seals: { revision: number; data: SignedHead }[],
  trusted: readonly string[],
  problems: string[],
): { points: Map<string, ChainPoint[]>; summary: SealSummary } {
  const points = new Map<string, ChainPoint[]>();
  let last: SealSummary['last'] = null;
  for (const { revision, data } of seals) {
    const problem = signedHeadProblem(data);
    const isTrusted = trusted.length === 0 ? null : trusted.includes(data.fingerprint);
    if (problem || isTrusted === false) {
      const where = revision < 0 ? 'the' : `${SEALS_STREAM} revision ${revision}, the`;
      problems.push(
        `${where} signed head of ${data.sealedAt}: ${problem ?? `signed by ${data.fingerprint}, not a trusted key`}`,
      );
      continue;
    }
    last = { sealedAt: data.sealedAt, fingerprint: data.fingerprint, trusted: isTrusted };
    for (const h of data.heads) {
      const list = points.get(h.stream) ?? [];
      list.push({
        revision: Number(h.revision),
        hash: h.hash,
        source: `the signed head of ${data.sealedAt}`,
        sealedAt: data.sealedAt,
      });
      points.set(h.stream, list);
    }
  }
  return { points, summary: { count: seals.length, last } };
}

/**
 * Verifies a log (the embedded store's, read-only is enough, or a bundle's): every stream's
 * chain, the signed heads in `$seals` (a stream that ends before its signed head was truncated;
 * one that differs at it was recomputed), deletions recorded in `$deletions` (a deleted
 * simulation is explained, not called tampering), and a head written down elsewhere.
 */
export async function verifyLog(
  db: ChainSource,
  options: VerifyLogOptions = {},
): Promise<LogReport> {
  const problems: string[] = [];
  const seals = await walkKeeping<SignedHead>(db, SEALS_STREAM);
  const deletions = await walkKeeping<Omit<DeletionRecord, 'deletedAt'>>(db, DELETIONS_STREAM);
  const { points, summary } = sealPoints(
    [
      ...seals.kept.map((k) => ({ revision: k.revision, data: k.data })),
      ...(options.signedHeads ?? []).map((data) => ({ revision: -1, data })),
    ],
    options.trusted ?? [],
    problems,
  );
  const deleted = new Map<string, DeletionRecord>(
    deletions.kept.map((k) => [k.data.stream, { ...k.data, deletedAt: k.occurredAt }]),
  );
  if (options.expect) {
    const { stream, revision, hash } = options.expect;
    points.set(stream, [
      ...(points.get(stream) ?? []),
      { revision, hash, source: 'the expected head' },
    ]);
  }
  const stored = db.streams();
  const names =
    options.streams ??
    [...new Set([...stored, ...points.keys(), ...deleted.keys()])].filter(
      (s) => s !== SEALS_STREAM && s !== DELETIONS_STREAM,
    );
  const verdicts: StreamVerdict[] = options.streams ? [] : [seals.verdict, deletions.verdict];
  if (options.streams)
    for (const v of [seals.verdict, deletions.verdict]) if (v.problem) verdicts.push(v);
  const present = new Set(stored);
  for (const stream of [...names].sort()) {
    const record = deleted.get(stream);
    const sealed = points.get(stream) ?? [];
    if (!present.has(stream) && record) {
      // Deleted: its signed heads are explained when the deletion covers them.
      const beyond = sealed.filter((p) => p.revision > record.lastRevision);
      verdicts.push({
        stream,
        verified: 0,
        head: null,
        sealed: null,
        deleted: record,
        problem: beyond.length
          ? {
              kind: 'truncated',
              revision: record.lastRevision + 1,
              globalPosition: null,
              message: `${stream} was deleted at revision ${record.lastRevision}, before ${beyond[0].source}`,
            }
          : null,
      });
      continue;
    }
    const verdict = await walkChain(stream, rowsOf(db, stream), sealed);
    if (!present.has(stream) && verdict.problem?.kind === 'truncated')
      verdict.problem = {
        ...verdict.problem,
        kind: 'vanished',
        message: `${stream} is gone and no deletion of it is recorded, but ${sealed[0].source} names it`,
      };
    verdicts.push(verdict);
  }
  const all = [...verdicts.flatMap((v) => (v.problem ? [v.problem.message] : [])), ...problems];
  return {
    ok: all.length === 0,
    checked: verdicts.reduce((n, v) => n + v.verified, 0),
    streams: verdicts,
    seals: summary,
    problems: all,
  };
}
