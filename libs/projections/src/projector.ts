import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  deserializeWorld,
  directoryTruth,
  emptyWorld,
  evolveWorld,
  groupNames,
  isSimEventType,
  serializeWorld,
  simulationOfStream,
  type FoldedEvent,
  type SimEvent,
  type World,
} from '@tokentrail/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@tokentrail/event-store';
import { BehaviorSubject, bufferTime, filter, firstValueFrom, type Subscription } from 'rxjs';
import { liveArtifacts, type Artifact } from './artifact';
import { READ_MODEL } from './read-model.token';
import { ReadModel } from './read-model';
import { ReadModelEvents } from './read-model-events';

/** Every this many events of a simulation, its world is snapshotted: a question folds at most this many. */
export const SNAPSHOT_EVERY = 500;

/** Events per read-model transaction at most (TOKENTRAIL_PROJECTOR_BATCH tunes it; default 500). */
const BATCH = Math.max(1, Number(process.env.TOKENTRAIL_PROJECTOR_BATCH ?? 500) || 500);

interface SimulationState {
  world: World;
  live: Map<string, Artifact>;
  firstAt: string;
  maxAt: string;
  monotonic: boolean;
}

const keyOf = (a: Artifact) => `${a.kind}|${a.id}|${a.eventId}`;
const byKey = (artifacts: Artifact[]) => new Map(artifacts.map((a) => [keyOf(a), a]));

/**
 * Folds the store's log into the read model from a catch-up subscription on $all (stored
 * positions, not the in-process bus). Each batch of events and the checkpoint after it are one
 * transaction, so a crash never applies an event twice or skips one.
 */
@Injectable()
export class Projector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly states = new Map<string, SimulationState>();
  private readonly position$: BehaviorSubject<bigint | null>;
  private subscription?: Subscription;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
  ) {
    this.position$ = new BehaviorSubject(readModel.checkpoint());
  }

  onApplicationBootstrap(): void {
    if (process.env.TOKENTRAIL_PROJECTOR !== 'off') this.start();
  }

  onApplicationShutdown(): void {
    this.stop();
    this.readModel.close();
  }

  start(): void {
    if (this.subscription) return;
    const from = this.readModel.checkpoint() ?? undefined;
    this.subscription = this.store
      .subscribeToAll({ fromPosition: from })
      .pipe(
        bufferTime(20, null, BATCH),
        filter((items) => items.length > 0),
      )
      .subscribe({
        next: (items) => {
          try {
            this.apply(items.flatMap((i) => (i.kind === 'event' ? [i.event] : [])));
          } catch (error) {
            // The batch was rolled back with its checkpoint: start again from the checkpoint.
            this.logger.error(
              `projection failed, retrying from the checkpoint: ${(error as Error).message}`,
            );
            this.stop();
            this.retry = setTimeout(() => this.start(), 1000);
          }
        },
        error: (error: unknown) =>
          this.logger.error(`subscription failed: ${(error as Error).message}`),
      });
  }

  stop(): void {
    clearTimeout(this.retry);
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /** The checkpoint: the global position of the last event in the read model. */
  get checkpoint(): bigint | null {
    return this.position$.value;
  }

  /** Resolves once the read model holds every event stored up to now. */
  async settled(): Promise<void> {
    const head = await this.store.lastPosition();
    if (head === null) return;
    await firstValueFrom(this.position$.pipe(filter((p) => p !== null && p >= head)));
  }

  private apply(events: RecordedEvent[]): void {
    if (events.length === 0) return;
    let moved: bigint | null = null;
    try {
      this.readModel.commit((checkpoint) => {
        // Another process projecting into the same read model may have applied some of these:
        // skip them, and rebuild in-memory state from the read model, which is then ahead of it.
        if (checkpoint !== this.position$.value) this.states.clear();
        const fresh = checkpoint === null ? events : events.filter((e) => e.position > checkpoint);
        fresh.forEach((e) => this.project(e));
        moved = fresh.length > 0 ? fresh[fresh.length - 1].position : checkpoint;
        return moved;
      });
    } catch (error) {
      this.states.clear(); // in-memory state may be ahead of the rolled-back rows: rebuild on demand
      throw error;
    }
    if (moved !== null) this.position$.next(moved);
  }

  private state(simulation: string): SimulationState {
    let st = this.states.get(simulation);
    if (st) return st;
    const snapshot = this.readModel.latestSnapshot(simulation, {});
    const events = new ReadModelEvents(this.readModel, simulation, false);
    const world = snapshot
      ? deserializeWorld(snapshot.world, events)
      : Object.assign(emptyWorld(), { events });
    for (const f of this.readModel.eventsAfter(simulation, snapshot?.seq ?? 0))
      evolveWorld(world, f);
    const row = this.readModel.simulation(simulation);
    st = {
      world,
      live: byKey(world.lastOccurredAt ? liveArtifacts(world, world.lastOccurredAt) : []),
      firstAt: row?.firstAt ?? '',
      maxAt: row?.maxAt ?? '',
      monotonic: row?.monotonic ?? true,
    };
    this.states.set(simulation, st);
    return st;
  }

  private project(e: RecordedEvent): void {
    const simulation = simulationOfStream(e.streamId);
    if (!simulation || !isSimEventType(e.type)) return;
    const st = this.state(simulation);
    const rm = this.readModel;
    const at = e.metadata.occurredAt;
    const seq = st.world.seq + 1;
    const f: FoldedEvent = {
      event: { type: e.type, data: e.data } as SimEvent,
      eventId: e.metadata.eventId,
      causationId: e.metadata.causationId,
      occurredAt: at,
      seq,
      position: e.position,
    };

    // Artifacts that expired by themselves since the previous event end at their expiry.
    const before = byKey(liveArtifacts(st.world, at));
    for (const [k, a] of st.live)
      if (!before.has(k))
        rm.closeArtifact(simulation, a.kind, a.id, a.eventId, a.expiresAt ?? at, seq - 1, null);

    rm.indexEvent(simulation, {
      eventId: f.eventId,
      causationId: f.causationId,
      type: f.event.type,
      occurredAt: at,
      seq,
      position: f.position,
      event: f.event,
    });
    evolveWorld(st.world, f);

    const after = byKey(liveArtifacts(st.world, at));
    for (const [k, a] of after) {
      if (!before.has(k))
        rm.openArtifact(simulation, {
          kind: a.kind,
          id: a.id,
          sourceEvent: a.eventId,
          principal: a.principal,
          machine: a.machine,
          groups: groupNames(a.membership),
          sids: a.sids ?? null,
          fromAt: at,
          fromSeq: seq,
        });
    }
    for (const [k, a] of before)
      if (!after.has(k)) rm.closeArtifact(simulation, a.kind, a.id, a.eventId, at, seq, f.eventId);
    st.live = after;

    for (const [sid, eventId] of st.world.directory.truthEvent) {
      if (eventId !== f.eventId) continue;
      const truth = directoryTruth(st.world.directory, sid);
      rm.truthChanged(
        simulation,
        sid,
        st.world.directory.principals.get(sid)?.name ?? sid,
        truth ? groupNames(truth) : null,
        at,
        seq,
      );
    }

    st.monotonic &&= !st.maxAt || at >= st.maxAt;
    st.maxAt = !st.maxAt || at > st.maxAt ? at : st.maxAt;
    st.firstAt ||= at;
    rm.upsertSimulation({
      id: simulation,
      events: seq,
      firstAt: st.firstAt,
      lastAt: at,
      maxAt: st.maxAt,
      lastPosition: e.position,
      monotonic: st.monotonic,
    });
    if (seq % SNAPSHOT_EVERY === 0)
      rm.saveSnapshot(simulation, {
        seq,
        position: e.position,
        maxAt: st.maxAt,
        world: serializeWorld(st.world),
      });
  }
}
