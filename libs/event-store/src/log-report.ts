/** What a verification found wrong with one stream, named at the first place it shows. */
export type ProblemKind =
  /** An event's content no longer gives its stored hash (an edited field, a flipped byte). */
  | 'altered'
  /** A revision between two stored ones is gone. */
  | 'missing'
  /** The stream ends before a head that was signed or written down. */
  | 'truncated'
  /** The chain is consistent but not the one that was signed: it was edited and recomputed. */
  | 'recomputed'
  /** A stream that was signed is gone and no deletion of it is recorded. */
  | 'vanished'
  /** Global positions go backwards within the stream. */
  | 'reordered'
  /** A signed head that does not check (bad signature, or a key that is not trusted). */
  | 'bad-seal';

export interface StreamProblem {
  kind: ProblemKind;
  /** The revision where it shows (the first missing one, the altered one, the signed head). */
  revision: number;
  /** The event's global position in the store, when the event is there. */
  globalPosition: number | null;
  message: string;
}

/** A deletion as the store recorded it (stream `$deletions`). */
export interface DeletionRecord {
  stream: string;
  lastRevision: number;
  headHash: string;
  events: number;
  deletedAt: string;
}

export interface StreamVerdict {
  stream: string;
  /** Events whose chain was recomputed and found intact (up to the first problem). */
  verified: number;
  /** The last intact event: the head to write down (`revision + 1` is a simulation's position). */
  head: { revision: number; hash: string } | null;
  /** The latest signed head of this stream that the chain was checked against. */
  sealed: { revision: number; sealedAt: string } | null;
  deleted: DeletionRecord | null;
  problem: StreamProblem | null;
}

export interface SealSummary {
  /** Signed heads found (in the store's `$seals` stream, or the bundle's one). */
  count: number;
  last: { sealedAt: string; fingerprint: string; trusted: boolean | null } | null;
}

export interface LogReport {
  ok: boolean;
  /** Events verified over every stream. */
  checked: number;
  streams: StreamVerdict[];
  seals: SealSummary;
  /** Every problem, one line each, streams first in their order. */
  problems: string[];
}
