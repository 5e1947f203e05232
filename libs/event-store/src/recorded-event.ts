/** What a caller hands to `append`: a fact that has not been stored yet. */
export interface NewEvent<D = unknown> {
  type: string;
  data: D;
  /** `data` as JSON, when the caller has it already: stored as is, not serialized again. */
  dataText?: string;
  metadata: {
    /** A UUID; generated when absent. A retry of a batch with the same ids stores it once. */
    eventId?: string;
    /** When the fact happened in the simulated or observed world (ISO 8601). */
    occurredAt: string;
    correlationId?: string | null;
    causationId?: string | null;
    schemaVersion: number;
    /** The aggregate that owns the event inside its stream (`Session:s1`). */
    aggregate?: string | null;
    /** The index of the run command that produced it. */
    command?: number | null;
  };
}

export interface EventMetadata {
  eventId: string;
  occurredAt: string;
  /** When the store took the event (wall clock). */
  recordedAt: string;
  correlationId: string | null;
  causationId: string | null;
  schemaVersion: number;
  aggregate: string | null;
  command: number | null;
}

/** A stored fact, as every adapter returns it. */
export interface RecordedEvent<D = unknown> {
  streamId: string;
  /** 0-based position inside its stream (dense). */
  revision: bigint;
  /** Global position in the whole log, strictly increasing (not necessarily dense). */
  position: bigint;
  type: string;
  data: D;
  metadata: EventMetadata;
}

export type ExpectedRevision = 'no_stream' | 'any' | bigint;

export interface AppendResult {
  /** The stream's revision after the append (the last event's revision). */
  nextRevision: bigint;
  /** Global position of the last appended event. */
  position: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Revision to start at (inclusive); default: the first (forwards) or last (backwards). */
  from?: bigint;
  direction?: Direction;
  maxCount?: number;
}

export interface AllFilter {
  /** Keep events whose stream id starts with this. */
  streamPrefix?: string;
  /** Keep events of these types only. */
  eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Global position to start at (inclusive). */
  fromPosition?: bigint;
  /** Global position to stop at (inclusive). */
  toPosition?: bigint;
  /** Keep only events whose occurredAt <= this instant (ISO 8601). */
  untilOccurredAt?: string;
  filter?: AllFilter;
  maxCount?: number;
  direction?: Direction;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this global position (a checkpoint); default: from the start. */
  fromPosition?: bigint;
  filter?: AllFilter;
}

/**
 * What a subscription emits: events, one marker when the catch-up phase has reached the head,
 * and the deletion of a stream at its place in the log (its events are gone: drop what was
 * derived from them).
 */
export type SubscriptionItem =
  | { kind: 'event'; event: RecordedEvent }
  | { kind: 'caughtUp'; position: bigint | null }
  | { kind: 'deleted'; stream: string; position: bigint };

/** A stream's head: the revision and hash of its last event (a chain's tip). */
export interface StreamHead {
  stream: string;
  revision: bigint;
  hash: string;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  /** Each stream's head as verified. */
  heads: StreamHead[];
  /** The first event whose stored hash does not match its content or its predecessor. */
  firstBad?: { stream: string; revision: bigint; position: bigint };
  reason?: string;
}
