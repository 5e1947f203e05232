import {
  DomainError,
  SCHEMA_VERSION,
  advance,
  aggregateName,
  aggregateOf,
  commandTime,
  emptyWorld,
  route,
  stamp,
  targetOf,
  type AggregateRef,
  type Decided,
  type Envelope,
  type SimCommand,
  type World,
} from '@tokentrail/domain';
import type { NewEvent } from '@tokentrail/event-store';
import { DomainAggregate } from './aggregates/domain.aggregate';
import { MachineAggregate } from './aggregates/machine.aggregate';
import { ServerCacheAggregate } from './aggregates/server-cache.aggregate';
import { SessionAggregate } from './aggregates/session.aggregate';
import type { SimulationAggregate } from './aggregates/simulation-aggregate';
import { v7 as uuidv7 } from 'uuid';

/** One command of a batch, at its moment; `index` numbers it inside a run (for `--resume`). */
export interface TimedCommand {
  command: SimCommand;
  at: string;
  index?: number;
}

/** A batch's outcome per command: the events it stored, or the refusal that stored none. */
export type CommandResult = { events: Envelope[] } | { refused: DomainError };

type Aggregates = {
  Domain: DomainAggregate;
  Machine: MachineAggregate;
  Session: SessionAggregate;
  ServerCache: ServerCacheAggregate;
};

/**
 * The consistency boundary. Every rule reads across Domain, Machine, Session and ServerCache, so a
 * command is decided against one version of the whole simulation and its events are appended to
 * the simulation's one stream with that version as the expected revision: a write by anyone since
 * makes it decide again. Inside, each command goes to the aggregate it addresses, and each event
 * is applied by the aggregate that owns it.
 */
export class Simulation {
  readonly world: World = emptyWorld();
  private readonly aggregates = new Map<string, SimulationAggregate>();

  constructor(readonly id: string) {}

  /** The stream revision of the last event folded, or null before the first. */
  get revision(): bigint | null {
    return this.world.position === 0 ? null : BigInt(this.world.position - 1);
  }

  /** Folds one event: its owner applies it, then the simulation advances. */
  fold(e: Envelope): void {
    const ref = aggregateOf(e.event);
    this.aggregate(ref.kind, ref.id).applyEvent(e);
    advance(this.world, e);
  }

  /**
   * Decides a batch in order, each command against the world its predecessors left, and folds
   * what it decides. A refused command decides nothing: with `skip` the batch goes on, else the
   * refusal is thrown (and this copy, changed by the commands before it, is no longer clean).
   */
  decide(
    batch: readonly TimedCommand[],
    correlationId: string | null,
    refusals: 'fail' | 'skip',
  ): CommandResult[] {
    return batch.map((c) => {
      let decided: Decided[];
      try {
        decided = this.decideOne(c);
      } catch (error) {
        if (refusals === 'skip' && error instanceof DomainError) return { refused: error };
        throw error;
      }
      const events = stamp(this.world, decided, {
        at: c.at,
        // Time-ordered ids (UUIDv7): indexes keyed by event id grow at their end.
        newId: uuidv7,
        correlationId,
        command: c.index ?? null,
      });
      for (const e of events) this.fold(e);
      return { events };
    });
  }

  private decideOne(c: TimedCommand): Decided[] {
    const at = commandTime(this.world, c.command, c.at);
    const { id } = targetOf(this.world, c.command);
    const r = route(c.command);
    switch (r.kind) {
      case 'Domain':
        return this.aggregate('Domain', id).handle(r.command);
      case 'Machine':
        return this.aggregate('Machine', id).handle(r.command, at);
      case 'Session':
        return this.aggregate('Session', id).handle(r.command, at);
      default: {
        const never: never = r;
        throw new Error(`unrouted command ${JSON.stringify(never)}`);
      }
    }
  }

  private aggregate<K extends AggregateRef['kind']>(kind: K, id: string): Aggregates[K] {
    const key = aggregateName({ kind, id });
    let a = this.aggregates.get(key);
    if (!a) this.aggregates.set(key, (a = this.create(kind, id)));
    return a as Aggregates[K];
  }

  private create(kind: AggregateRef['kind'], id: string): SimulationAggregate {
    switch (kind) {
      case 'Domain':
        return new DomainAggregate(this.world, id);
      case 'Machine':
        return new MachineAggregate(this.world, id);
      case 'Session':
        return new SessionAggregate(this.world, id);
      case 'ServerCache':
        return new ServerCacheAggregate(this.world, id);
      default: {
        const never: never = kind;
        throw new Error(`no aggregate kind ${String(never)}`);
      }
    }
  }
}

/** An envelope as the event store takes it: its aggregate named in its metadata. */
export function toNewEvent(e: Envelope): NewEvent & { dataText: string } {
  return {
    type: e.event.type,
    data: e.event.data,
    dataText: JSON.stringify(e.event.data),
    metadata: {
      eventId: e.eventId,
      occurredAt: e.occurredAt,
      correlationId: e.correlationId,
      causationId: e.causationId,
      schemaVersion: SCHEMA_VERSION,
      aggregate: aggregateName(aggregateOf(e.event)),
      command: e.command,
    },
  };
}
