import { Controller, Get, Inject, Param, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidArgument, decode, streamOf } from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { SimulationCatalog } from '@tokentrail/simulation';
import { filter, from, map, mergeMap, takeUntil, type Observable } from 'rxjs';
import { eventPageSchema, type EventPage } from './contract/event-bodies';
import { Refuses, Returns, ReturnsText } from './contract/responses.decorator';
import { Requires } from './requires.decorator';
import { serializeEvent } from './serialize-event';
import { ShutdownSignal } from './shutdown-signal';

const PAGE = 500;

function whole(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgument(field, `"${value}" is not a whole number from 1`);
  return n;
}

function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t) || !/T.+(Z|[+-]\d{2}:?\d{2})$/.test(value))
    throw new InvalidArgument(field, `"${value}" is not an ISO 8601 time with a zone`);
  return new Date(t).toISOString();
}

/** The replayable log of a simulation, paged, and live as server-sent events. */
@ApiTags('events')
@Requires('reader')
@Controller('simulations/:id/events')
export class EventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: SimulationCatalog,
    private readonly shutdown: ShutdownSignal,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "A page of the simulation's events; positions are the simulation's own event numbers (from 1)",
  })
  @ApiQuery({ name: 'fromPosition', required: false })
  @ApiQuery({ name: 'toPosition', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'occurredAt at or after (ISO 8601)' })
  @ApiQuery({ name: 'to', required: false, description: 'occurredAt at or before (ISO 8601)' })
  @ApiQuery({ name: 'limit', required: false, description: `at most ${PAGE}` })
  @Returns(200, 'a page of events, oldest first', eventPageSchema)
  @Refuses(404, 410, 422, 503)
  async page(
    @Param('id') id: string,
    @Query() q: Record<string, string | undefined>,
  ): Promise<EventPage> {
    await this.catalog.assertExists(id);
    const fromPosition = whole(q.fromPosition, 'fromPosition') ?? 1;
    const toPosition = whole(q.toPosition, 'toPosition') ?? Number.MAX_SAFE_INTEGER;
    const fromAt = instant(q.from, 'from');
    const toAt = instant(q.to, 'to');
    const limit = Math.min(whole(q.limit, 'limit') ?? PAGE, PAGE);
    const events = [];
    let next: number | null = null;
    for await (const stored of this.store.readStream(streamOf(id), {
      from: BigInt(fromPosition - 1),
    })) {
      const e = decode(stored);
      if (e.position > toPosition) break;
      if (
        (fromAt !== undefined && e.occurredAt < fromAt) ||
        (toAt !== undefined && e.occurredAt > toAt)
      )
        continue;
      if (events.length === limit) {
        next = e.position;
        break;
      }
      events.push(serializeEvent(id, e));
    }
    return { simulation: id, events, nextPosition: next };
  }

  @Sse('stream')
  @ApiOperation({
    summary:
      "Server-sent events: the simulation's events from ?fromPosition= (default 1), then live ones as they are stored",
  })
  @ApiQuery({ name: 'fromPosition', required: false })
  @ReturnsText(
    200,
    'Server-sent events: each `data:` is one Event (schema `Event`) as JSON, its `id:` the event’s position',
    ['text/event-stream'],
  )
  @Refuses(404, 410, 422, 503)
  stream(
    @Param('id') id: string,
    @Query('fromPosition') fromPosition?: string,
  ): Observable<MessageEvent> {
    const first = whole(fromPosition, 'fromPosition') ?? 1;
    const stream = streamOf(id);
    return from(this.catalog.assertExists(id)).pipe(
      mergeMap(() => this.store.subscribeToAll({ filter: { streamPrefix: stream } })),
      filter(
        (item) =>
          item.kind === 'event' &&
          item.event.streamId === stream &&
          Number(item.event.revision) + 1 >= first,
      ),
      map((item) => (item.kind === 'event' ? serializeEvent(id, decode(item.event)) : null)),
      map((data) => ({ id: String(data?.position), data: data as object })),
      // SIGTERM ends the stream, so the server stops without waiting for its clients to leave.
      takeUntil(this.shutdown.closing),
    );
  }
}
