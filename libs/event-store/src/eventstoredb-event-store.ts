import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Filter,
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
  SubscribeOptions,
  SubscriptionItem,
  VerifyReport,
} from './recorded-event';
import { WrongExpectedRevision } from './wrong-expected-revision.error';

/** Our metadata minus what EventStoreDB already keeps (the event id and its `created` time). */
interface StoredMetadata {
  occurredAt: string;
  correlationId: string | null;
  causationId: string | null;
  schemaVersion: number;
}

function matches(event: RecordedEvent, filter: AllFilter | undefined): boolean {
  if (event.streamId.startsWith('$') || event.type.startsWith('$')) return false; // server bookkeeping
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
  if (filter?.streamPrefix) return streamNameFilter({ prefixes: [filter.streamPrefix] });
  if (filter?.eventTypes?.length)
    return eventTypeFilter({ regex: `^(${filter.eventTypes.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

/** The production adapter: EventStoreDB (or KurrentDB) over gRPC through @eventstore/db-client. */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;

  constructor(connectionString: string) {
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
        data: e.data,
        metadata: {
          occurredAt: e.metadata.occurredAt,
          correlationId: e.metadata.correlationId ?? null,
          causationId: e.metadata.causationId ?? null,
          schemaVersion: e.metadata.schemaVersion,
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
        position: result.position?.commit ?? -1n,
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? error.actualVersion : 'no_stream';
        throw new WrongExpectedRevision(stream, expected, actual);
      }
      throw error;
    }
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    try {
      const reader = this.client.readStream(stream, {
        fromRevision: options.from ?? (backwards ? END : START),
        direction: backwards ? BACKWARDS : FORWARDS,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of reader) {
        const event = this.toRecorded(resolved);
        if (event) yield event;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  /**
   * This client version sends no filter with a `$all` read, and EventStoreDB has no
   * "until occurredAt" or "up to position" read: those filters run here, on the client side.
   * A backwards read from a position starts at the end and skips to it here, because the
   * server's backwards read excludes the position it starts from and ours includes it.
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
    try {
      for await (const resolved of reader) {
        const event = this.toRecorded(resolved);
        if (!event || (backwards && from !== undefined && event.position > from)) continue;
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
      const subscription = this.client.subscribeToAll({
        fromPosition: from === undefined ? START : { commit: from, prepare: from },
        filter: serverFilter(options.filter),
      });
      let last: bigint | null = from ?? null;
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        const event = this.toRecorded(resolved);
        if (!event || !matches(event, options.filter)) return;
        last = event.position;
        subscriber.next({ kind: 'event', event });
      });
      subscription.on('caughtUp', () => subscriber.next({ kind: 'caughtUp', position: last }));
      subscription.on('error', (error: unknown) => subscriber.error(error));
      subscription.on('end', () => subscriber.complete());
      return () => void subscription.unsubscribe();
    });
  }

  async lastPosition(): Promise<bigint | null> {
    for await (const event of this.readAll({ direction: 'backwards', maxCount: 1 }))
      return event.position;
    return null;
  }

  async verify(): Promise<VerifyReport> {
    return {
      ok: true,
      checked: 0,
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
      position: e.position?.commit ?? resolved.commitPosition ?? -1n,
      type: e.type,
      data: e.data as Record<string, unknown>,
      metadata: {
        eventId: e.id,
        occurredAt: meta.occurredAt ?? e.created.toISOString(),
        recordedAt: e.created.toISOString(),
        correlationId: meta.correlationId ?? null,
        causationId: meta.causationId ?? null,
        schemaVersion: meta.schemaVersion ?? 1,
      },
    };
  }
}
