import {
  aggregateOf,
  emptyWorld,
  evolveWorld,
  isSimEventType,
  type AggregateKind,
  type SimEvent,
  type World,
} from '@tokentrail/domain';
import type { RecordedEvent } from '@tokentrail/event-store';
import { DomainAggregate } from './aggregates/domain.aggregate';
import { MachineAggregate } from './aggregates/machine.aggregate';
import { ServerCacheAggregate } from './aggregates/server-cache.aggregate';
import { SessionAggregate } from './aggregates/session.aggregate';
import type { SimulationAggregate } from './aggregates/simulation-aggregate';
import { streamName } from '@tokentrail/domain';

const AGGREGATES: Record<AggregateKind, new (id: string, stream: string) => SimulationAggregate> = {
  Domain: DomainAggregate,
  Machine: MachineAggregate,
  Session: SessionAggregate,
  ServerCache: ServerCacheAggregate,
};

/** A simulation as the write side holds it: its aggregates, and the world their stored events fold into. */
export class LoadedSimulation {
  readonly world: World = emptyWorld();
  readonly aggregates = new Map<string, SimulationAggregate>();
  /** Global position of the last stored event folded (null: none yet). */
  lastPosition: bigint | null = null;

  constructor(readonly id: string) {}

  aggregate(kind: AggregateKind, id: string): SimulationAggregate {
    const stream = streamName(this.id, kind, id);
    let a = this.aggregates.get(stream);
    if (!a) this.aggregates.set(stream, (a = new AGGREGATES[kind](id, stream)));
    return a;
  }

  /** Folds one stored event: the owning aggregate's revision moves, and the world changes. */
  fold(e: RecordedEvent): void {
    this.lastPosition = e.position;
    if (!isSimEventType(e.type)) return;
    const event = { type: e.type, data: e.data } as SimEvent;
    const { kind, id } = aggregateOf(event);
    this.aggregate(kind, id).stored(e);
    evolveWorld(this.world, {
      event,
      eventId: e.metadata.eventId,
      causationId: e.metadata.causationId,
      occurredAt: e.metadata.occurredAt,
      seq: this.world.seq + 1,
      position: e.position,
    });
  }
}
