import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Filter,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { Observable } from 'rxjs';
import type { EventStore } from './event-store.port';
import type {
  AllFilter,
  AppendResult,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamHead,
  SubscribeOptions,
  SubscriptionItem,
  VerifyReport,
} from './recorded-event';
import { StreamDeleted } from './stream-deleted.error';
import { WrongExpectedRevision } from './wrong-expected-revision.error';

/** Where deletions are recorded: one event per deleted stream, read before any $all read. */
const DELETIONS = 'tokentrail-deletions';
type Deletion = { stream: string; lastRevision: string; events: number };

/** Our metadata minus what EventStoreDB already keeps (the event id and its `created` time). */
interface StoredMetadata {
  occurredAt: string;
  correlationId: string | null;
  causationId: string | null;
  schemaVersion: number;
  aggregate: string | null;
  command: number | null;
}

function matches(event: RecordedEvent, filter: AllFilter | undefined): boolean {
  // Server bookkeeping, and our record of deletions, are not events of the log.
  if (event.streamId.startsWith('$') || event.type.startsWith('$') || event.streamId === DELETIONS)
    return false;
  if (filter?.streamPrefix && !event.streamId.startsWith(filter.streamPrefix)) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The server-side part of a filter: one subscription filter can match stream names or event
 * types, not both, so the stream prefix goes to the server and the rest is checked here too.
 */
function serverFilter(filter: AllFilter | undefined): Filter {
  // The record of deletions passes every filter: subscribers must hear of them.
  if (filter?.streamPrefix) return streamNameFilter({ prefixes: [filter.streamPrefix, DELETIONS] });
  if (filter?.eventTypes?.length) {
    const types = [...filter.eventTypes, 'StreamDeleted'];
    return eventTypeFilter({ regex: `^(${types.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
}

/** The production adapter: EventStoreDB (or KurrentDB) over gRPC through @eventstore/db-client. */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;

  constructor(readonly connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const expected = options.expectedRevision ?? 'any';
    const proposed = events.map((e) =>
      jsonEvent({
        id: e.metadata.eventId ?? randomUUID(),
        type: e.type,
        data: e.data as JSONType,
        metadata: {
          occurredAt: e.metadata.occurredAt,
          correlationId: e.metadata.correlationId ?? null,
          causationId: e.metadata.causationId ?? null,
          schemaVersion: e.metadata.schemaVersion,
          aggregate: e.metadata.aggregate ?? null,
          command: e.metadata.command ?? null,
        } satisfies StoredMetadata,
      }),
    );
    try {
      // The server itself makes a retry with the same event ids idempotent.
      const result = await this.client.appendToStream(stream, proposed, {
        expectedRevision: expected,
      });
      return {
        nextRevision: result.nextExpectedRevision,
        position: result.position?.prepare ?? -1n,
      };
    } catch (error) {
      if (error instanceof StreamDeletedError) throw new StreamDeleted(stream);
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? error.actualVersion : 'no_stream';
        throw new WrongExpectedRevision(stream, expected, actual);
      }
      throw error;
    }
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const reader = this.client.readStream(stream, {
      fromRevision: options.from ?? (backwards ? END : START),
      direction: backwards ? BACKWARDS : FORWARDS,
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    try {
      for await (const resolved of reader) {
        const event = this.toRecorded(resolved);
        if (event) yield event;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return;
      throw error;
    } finally {
      // A reader left before its end (a caller that stops early) still holds its call open.
      await reader.cancel();
    }
  }

  /**
   * This client version sends no filter with a `$all` read, and EventStoreDB has no
   * "until occurredAt" or "up to position" read: those filters run here, on the client side.
   * A global position is an event's *prepare* position (unique and increasing in $all order,
   * where the events of one append share a commit position); a read starts at the commit
   * position equal to it, which is at or before it, and skips what comes before. A backwards
   * read starts at the end and skips to it, since ours includes the position it starts from.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition;
    const reader = this.client.readAll({
      fromPosition:
        from === undefined || backwards
          ? backwards
            ? END
            : START
          : { commit: from, prepare: from },
      direction: backwards ? BACKWARDS : FORWARDS,
    });
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const deleted = await this.deletedStreams();
    try {
      for await (const resolved of reader) {
        const event = this.toRecorded(resolved);
        if (!event || deleted.has(event.streamId)) continue;
        // Positions are prepare positions; the server starts at a commit position, maybe earlier.
        if (from !== undefined && (backwards ? event.position > from : event.position < from))
          continue;
        if (
          options.toPosition !== undefined &&
          (backwards ? event.position < options.toPosition : event.position > options.toPosition)
        )
          break;
        if (!matches(event, options.filter)) continue;
        if (
          options.untilOccurredAt !== undefined &&
          event.metadata.occurredAt > options.untilOccurredAt
        )
          continue;
        yield event;
        if (--remaining <= 0) break;
      }
    } finally {
      await reader.cancel();
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<SubscriptionItem> {
    return new Observable<SubscriptionItem>((subscriber) => {
      const from = options.fromPosition;
      let stop = () => undefined as unknown;
      let stopped = false;
      // Deletions known before the subscription starts hide their streams' events (still in $all
      // until a scavenge); later ones are announced in log order.
      void this.deletedStreams().then(
        (deleted) => {
          if (stopped) return;
          const subscription = this.client.subscribeToAll({
            fromPosition: from === undefined ? START : { commit: from, prepare: from },
            filter: serverFilter(options.filter),
          });
          stop = () => subscription.unsubscribe();
          let last: bigint | null = from ?? null;
          subscription.on('data', (resolved: AllStreamResolvedEvent) => {
            const event = this.toRecorded(resolved);
            if (!event) return;
            if (event.streamId === DELETIONS) {
              const { stream } = event.data as Deletion;
              if (!deleted.has(stream))
                subscriber.next({ kind: 'deleted', stream, position: event.position });
              deleted.add(stream);
              last = event.position;
              return;
            }
            if (deleted.has(event.streamId) || !matches(event, options.filter)) return;
            if (from !== undefined && event.position <= from) return;
            last = event.position;
            subscriber.next({ kind: 'event', event });
          });
          subscription.on('caughtUp', () => subscriber.next({ kind: 'caughtUp', position: last }));
          subscription.on('error', (error: unknown) => subscriber.error(error));
          subscription.on('end', () => subscriber.complete());
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        stopped = true;
        void stop();
      };
    });
  }

  /** The streams deleted so far (their events may still be in $all until the server scavenges). */
  private async deletedStreams(): Promise<Set<string>> {
    const deleted = new Set<string>();
    for await (const e of this.readStream(DELETIONS)) deleted.add((e.data as Deletion).stream);
    return deleted;
  }

  /** A tombstone (the name is never used again), then the deletion recorded for every reader. */
  async deleteStream(stream: string): Promise<{ events: number }> {
    let last: RecordedEvent | null = null;
    for await (const e of this.readStream(stream, { direction: 'backwards', maxCount: 1 }))
      last = e;
    if (!last) return { events: 0 };
    await this.client.tombstoneStream(stream);
    const record: Deletion = {
      stream,
      lastRevision: last.revision.toString(),
      events: Number(last.revision) + 1,
    };
    await this.client.appendToStream(DELETIONS, jsonEvent({ type: 'StreamDeleted', data: record }));
    return { events: record.events };
  }

  /** The last position of the log, the record of deletions included (a deletion has its place). */
  async lastPosition(): Promise<bigint | null> {
    const reader = this.client.readAll({ fromPosition: END, direction: BACKWARDS });
    try {
      for await (const resolved of reader) {
        const event = this.toRecorded(resolved);
        if (event && !event.streamId.startsWith('$') && !event.type.startsWith('$'))
          return event.position;
      }
      return null;
    } finally {
      await reader.cancel();
    }
  }

  async verify(): Promise<VerifyReport> {
    const heads: StreamHead[] = [];
    return {
      ok: true,
      checked: 0,
      heads,
      reason:
        'the hash chain is kept by the embedded store; EventStoreDB has no operation that edits a stored event',
    };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
    const e = resolved.event;
    if (!e || !e.isJson) return null;
    const meta = (e.metadata ?? {}) as Partial<StoredMetadata>;
    return {
      streamId: e.streamId,
      revision: e.revision,
      position: e.position?.prepare ?? resolved.commitPosition ?? -1n,
      type: e.type,
      data: e.data,
      metadata: {
        eventId: e.id,
        occurredAt: meta.occurredAt ?? e.created.toISOString(),
        recordedAt: e.created.toISOString(),
        correlationId: meta.correlationId ?? null,
        causationId: meta.causationId ?? null,
        schemaVersion: meta.schemaVersion ?? 1,
        aggregate: meta.aggregate ?? null,
        command: meta.command ?? null,
      },
    };
  }
}
