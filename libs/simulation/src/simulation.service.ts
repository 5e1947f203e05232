import { Injectable } from '@nestjs/common';
import { EventPublisher } from '@nestjs/cqrs';
import {
  SCHEMA_VERSION,
  aggregateOf,
  decide,
  streamName,
  type SimCommand,
} from '@tokentrail/domain';
import { WrongExpectedRevision, type RecordedEvent } from '@tokentrail/event-store';
import type { SimulationAggregate } from './aggregates/simulation-aggregate';
import type { LoadedSimulation } from './loaded-simulation';
import type { CommandMeta } from './simulation-command';
import { SimulationRepository } from './simulation.repository';
import { UnknownSimulation } from './unknown-simulation.error';

export interface CommandOutcome {
  /** The stored events the command produced, in order. */
  events: RecordedEvent[];
}

const ATTEMPTS = 3;

/**
 * Runs one command against one simulation: load, decide, append each aggregate's events with its
 * expected revision, fold what was stored. Commands of one simulation run one at a time in this
 * process; a conflict with another writer reloads and decides again.
 */
@Injectable()
export class SimulationService {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repository: SimulationRepository,
    private readonly publisher: EventPublisher,
  ) {}

  execute(
    simulation: string,
    command: SimCommand,
    at: string,
    meta: CommandMeta = {},
  ): Promise<CommandOutcome> {
    const previous = this.queues.get(simulation) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() => this.attempt(simulation, command, at, meta));
    this.queues.set(simulation, run);
    return run;
  }

  load(simulation: string): Promise<LoadedSimulation> {
    return this.repository.load(simulation);
  }

  /** Every simulation begins with its Domain stream: one read of one event says whether it exists. */
  async assertExists(simulation: string): Promise<void> {
    for await (const _ of this.repository.store.readStream(
      streamName(simulation, 'Domain', 'domain'),
      { maxCount: 1 },
    ))
      return;
    throw new UnknownSimulation(simulation);
  }

  private async attempt(
    simulation: string,
    command: SimCommand,
    at: string,
    meta: CommandMeta,
  ): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      const sim = await this.repository.load(simulation);
      const decided = decide(sim.world, command, at);
      const touched: SimulationAggregate[] = [];
      for (const d of decided) {
        const { kind, id } = aggregateOf(d.event);
        const aggregate = this.publisher.mergeObjectContext(sim.aggregate(kind, id));
        if (!touched.includes(aggregate)) touched.push(aggregate);
        aggregate.record(d);
      }
      try {
        for (const a of touched) await this.append(a, new Date(at).toISOString(), meta);
      } catch (error) {
        for (const a of touched) a.uncommit();
        this.repository.forget(simulation);
        if (!(error instanceof WrongExpectedRevision) || attempt >= ATTEMPTS) throw error;
        continue;
      }
      const { folded } = await this.repository.catchUp(simulation);
      for (const a of touched) a.commit();
      const ids = new Set(decided.map((d) => d.eventId));
      return { events: folded.filter((e) => ids.has(e.metadata.eventId)) };
    }
  }

  private async append(
    a: SimulationAggregate,
    occurredAt: string,
    meta: CommandMeta,
  ): Promise<void> {
    const events = a.getUncommittedEvents().map(({ decided }) => ({
      type: decided.event.type,
      data: decided.event.data as unknown as Record<string, unknown>,
      metadata: {
        eventId: decided.eventId,
        occurredAt,
        causationId: decided.causationId,
        correlationId: meta.correlationId ?? null,
        schemaVersion: SCHEMA_VERSION,
      },
    }));
    await this.repository.store.append(a.stream, events, {
      expectedRevision: a.revision ?? 'no_stream',
    });
  }
}
