import { GENESIS_HASH, chainHash } from './hash-chain';
import type { StreamProblem, StreamVerdict } from './log-report';
import type { EventMetadata } from './recorded-event';

/** A stored event with everything its link of the chain commits to, and its stored hash. */
export interface ChainRow {
  stream: string;
  revision: number;
  globalPosition: number | null;
  type: string;
  /** The data exactly as stored (JSON text). */
  dataText: string;
  metadata: EventMetadata;
  hash: string;
}

/** A point a stream's chain must pass through: a signed head, or one written down elsewhere. */
export interface ChainPoint {
  revision: number;
  hash: string;
  /** How the point is named in a message: `the signed head of 2026-…`, `the expected head`. */
  source: string;
  sealedAt?: string;
}

/** `position 5 (revision 4)` for a simulation's stream (its own numbering), else `revision 4`. */
export function placeIn(stream: string, revision: number): string {
  return stream.startsWith('sim-')
    ? `position ${revision + 1} (revision ${revision})`
    : `revision ${revision}`;
}

/**
 * Walks one stream's chain from its first event: each stored hash must be sha256 of the previous
 * hash and the event as stored, revisions dense from 0, global positions increasing, and the chain
 * must pass through every `point`. Stops at the first problem, which it names.
 */
export async function walkChain(
  stream: string,
  rows: AsyncIterable<ChainRow> | Iterable<ChainRow>,
  points: readonly ChainPoint[] = [],
): Promise<StreamVerdict> {
  const byRevision = new Map<number, ChainPoint[]>();
  for (const p of points) byRevision.set(p.revision, [...(byRevision.get(p.revision) ?? []), p]);
  const verdict: StreamVerdict = {
    stream,
    verified: 0,
    head: null,
    sealed: null,
    deleted: null,
    problem: null,
  };
  const fail = (problem: StreamProblem) => ((verdict.problem = problem), verdict);
  let previous = GENESIS_HASH;
  let expected = 0;
  let lastPosition = -Infinity;
  for await (const row of rows) {
    const at = placeIn(stream, expected);
    if (row.revision !== expected)
      return fail({
        kind: 'missing',
        revision: expected,
        globalPosition: null,
        message:
          row.revision - expected === 1
            ? `${stream} ${at} is missing`
            : `${stream} revisions ${expected} to ${row.revision - 1} are missing`,
      });
    const hash = chainHash(previous, {
      streamId: stream,
      revision: BigInt(row.revision),
      type: row.type,
      dataText: row.dataText,
      metadata: row.metadata,
    });
    if (hash !== row.hash)
      return fail({
        kind: 'altered',
        revision: row.revision,
        globalPosition: row.globalPosition,
        message: `${stream} ${at}${row.globalPosition === null ? '' : ` (global position ${row.globalPosition})`} was altered: its content does not give its stored hash`,
      });
    if (row.globalPosition !== null) {
      if (row.globalPosition <= lastPosition)
        return fail({
          kind: 'reordered',
          revision: row.revision,
          globalPosition: row.globalPosition,
          message: `${stream} ${at} has global position ${row.globalPosition}, not after ${lastPosition}`,
        });
      lastPosition = row.globalPosition;
    }
    const here = byRevision.get(row.revision) ?? [];
    const point = here.find((p) => p.hash !== row.hash);
    if (point)
      return fail({
        kind: 'recomputed',
        revision: row.revision,
        globalPosition: row.globalPosition,
        message: `${stream} ${at} does not match ${point.source}: events up to it were changed and the chain recomputed`,
      });
    for (const p of here)
      if (p.sealedAt) verdict.sealed = { revision: row.revision, sealedAt: p.sealedAt };
    previous = row.hash;
    verdict.head = { revision: row.revision, hash: row.hash };
    verdict.verified += 1;
    expected += 1;
  }
  const beyond = points
    .filter((p) => p.revision >= expected)
    .sort((a, b) => b.revision - a.revision)[0];
  if (beyond)
    return fail({
      kind: 'truncated',
      revision: expected,
      globalPosition: null,
      message:
        expected === 0
          ? `${stream} has no events, but ${beyond.source} names its ${placeIn(stream, beyond.revision)}`
          : `${stream} ends at ${placeIn(stream, expected - 1)}, but ${beyond.source} names ${placeIn(stream, beyond.revision)}: its last events were deleted`,
    });
  return verdict;
}
