import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  decode,
  deserializeWorld,
  directoryTruth,
  emptyWorld,
  evolve,
  groupNames,
  isDomainEvent,
  isSimEventType,
  liveArtifacts,
  serializeWorld,
  simulationOfRunStream,
  simulationOfStream,
  type Artifact,
  type Envelope,
  type RunEvent,
  type World,
} from '@tokentrail/domain';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  type SubscriptionItem,
} from '@tokentrail/event-store';
import { BehaviorSubject, bufferTime, filter, firstValueFrom, type Subscription } from 'rxjs';
import { ReadModel } from './read-model';
import { READ_MODEL } from './read-model.token';

/**
 * Every this many events of a simulation, its world is snapshotted: a question folds at most this
 * many.
 */
export const SNAPSHOT_EVERY = 500;

/** Events per read-model transaction at most (TOKENTRAIL_PROJECTOR_BATCH tunes it; default 500). */
const BATCH = Math.max(1, Number(process.env.TOKENTRAIL_PROJECTOR_BATCH ?? 500) || 500);
/**
 * A test hook (TOKENTRAIL_PROJECTOR_HOLD_AT=P): project up to global position P and hold there,
 * so a test decides where a projection is interrupted instead of racing it.
 */
const HOLD_AT = process.env.TOKENTRAIL_PROJECTOR_HOLD_AT
  ? BigInt(process.env.TOKENTRAIL_PROJECTOR_HOLD_AT)
  : null;

interface SimulationState {
  world: World;
  live: Map<string, Artifact>;
  firstAt: string;
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
            this.apply(items);
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

  private apply(items: SubscriptionItem[]): void {
    let reached: bigint | null = null;
    try {
      this.readModel.commit((checkpoint) => {
        // Another process projecting into the same read model may have applied some of these:
        // skip them, and rebuild in-memory state from the read model, which is then ahead of it.
        if (checkpoint !== this.position$.value) this.states.clear();
        let moved: bigint | null = null;
        for (const item of items) {
          if (item.kind === 'caughtUp') continue;
          const position = item.kind === 'event' ? item.event.position : item.position;
          if (HOLD_AT !== null && position > HOLD_AT) break;
          if (checkpoint !== null && position <= checkpoint) continue;
          moved = position;
          if (item.kind === 'deleted') this.forget(item.stream);
          else this.projectStored(item.event);
        }
        reached = moved ?? checkpoint;
        return reached;
      });
    } catch (error) {
      // in-memory state may be ahead of the rolled-back rows: rebuild on demand
      this.states.clear();
      throw error;
    }
    if (reached !== null) this.position$.next(reached);
  }

  /** A simulation's event is projected; a run's start or completion is recorded. */
  private projectStored(e: RecordedEvent): void {
    const simulation = simulationOfStream(e.streamId);
    const runOf = simulationOfRunStream(e.streamId);
    if (simulation && isSimEventType(e.type)) this.project(simulation, decode(e));
    else if (runOf)
      this.readModel.recordRun(
        runOf,
        { type: e.type, data: e.data } as RunEvent,
        e.metadata.occurredAt,
      );
  }

  private forget(stream: string): void {
    const simulation = simulationOfStream(stream) ?? simulationOfRunStream(stream);
    if (!simulation) return;
    this.states.delete(simulation);
    this.readModel.forgetSimulation(simulation);
  }

  private state(simulation: string): SimulationState {
    let st = this.states.get(simulation);
    if (st) return st;
    const snapshot = this.readModel.latestSnapshot(simulation, {});
    const world = snapshot ? deserializeWorld(snapshot.world) : emptyWorld();
    for (const e of this.readModel.eventsAfter(simulation, snapshot?.position ?? 0))
      evolve(world, e);
    const row = this.readModel.simulation(simulation);
    st = {
      world,
      live: byKey(world.lastOccurredAt ? liveArtifacts(world, world.lastOccurredAt) : []),
      firstAt: row?.firstAt ?? '',
      monotonic: row?.monotonic ?? true,
    };
    this.states.set(simulation, st);
    return st;
  }

  private project(simulation: string, e: Envelope): void {
    const st = this.state(simulation);
    const rm = this.readModel;
    const at = e.occurredAt;
    const position = e.position;

    // Artifacts that expired by themselves since the previous event end at their expiry.
    const before = byKey(liveArtifacts(st.world, at));
    for (const [k, a] of st.live)
      if (!before.has(k))
        rm.closeArtifact(
          simulation,
          a.kind,
          a.id,
          a.eventId,
          a.expiresAt ?? at,
          position - 1,
          null,
        );

    rm.indexEvent(simulation, e);
    const maxBefore = st.world.maxOccurredAt;
    evolve(st.world, e);

    const after = byKey(liveArtifacts(st.world, at));
    for (const [k, a] of after) {
      if (before.has(k)) continue;
      rm.openArtifact(simulation, {
        kind: a.kind,
        id: a.id,
        sourceEvent: a.eventId,
        principal: a.principal,
        machine: a.machine,
        groups: groupNames(a.membership),
        sids: a.sids,
        fromAt: at,
        fromPosition: position,
      });
    }
    for (const [k, a] of before)
      if (!after.has(k))
        rm.closeArtifact(simulation, a.kind, a.id, a.eventId, at, position, e.eventId);
    st.live = after;

    if (isDomainEvent(e.event)) {
      for (const sid of st.world.directory.changed) {
        const truth = directoryTruth(st.world.directory, sid);
        const name = st.world.directory.principals.get(sid)?.name ?? sid;
        rm.truthChanged(simulation, sid, name, truth ? groupNames(truth) : null, at, position);
      }
    }

    st.monotonic &&= !maxBefore || at >= maxBefore;
    st.firstAt ||= at;
    rm.upsertSimulation({
      id: simulation,
      events: position,
      firstAt: st.firstAt,
      lastAt: at,
      maxAt: st.world.maxOccurredAt ?? at,
      lastPosition: e.globalPosition,
      monotonic: st.monotonic,
    });
    if (position % SNAPSHOT_EVERY === 0) {
      rm.saveSnapshot(simulation, {
        position,
        globalPosition: e.globalPosition,
        maxAt: st.world.maxOccurredAt ?? at,
        world: serializeWorld(st.world),
      });
    }
  }
}
