import type { Observable } from 'rxjs';
import type {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionItem,
  VerifyReport,
} from './recorded-event';

/** Nest injection token for the configured adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export type StoreKind = 'embedded' | 'eventstoredb';

/** The one port every part of tokentrail talks to; adapters: embedded (SQLite) and EventStoreDB. */
export interface EventStore {
  readonly kind: StoreKind;
  /**
   * Appends atomically (all or none) to one stream. Fails with WrongExpectedRevision when the
   * stream's revision is not the expected one; a retry of a batch already stored is a no-op that
   * returns the first result.
   */
  append(
    stream: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Events of one stream; an unknown or deleted stream yields nothing. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** The whole log in global order, filtered, without loading it into memory. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Catch-up subscription: stored events after `fromPosition`, a `caughtUp` marker, then live ones
   * and deletions.
   */
  subscribeToAll(options?: SubscribeOptions): Observable<SubscriptionItem>;
  /** The global position of the last stored event, or null for an empty log. */
  lastPosition(): Promise<bigint | null>;
  /**
   * Removes a stream and its events; the deletion itself is recorded (stream, last revision, head
   * hash) and announced to subscribers. A deleted stream's name cannot be used again.
   */
  deleteStream(stream: string): Promise<{ events: number }>;
  /** Walks every stream's hash chain (tamper evidence); adapters without one say so in `reason`. */
  verify(): Promise<VerifyReport>;
  close(): Promise<void>;
}
