import {
  decode,
  deserializeWorld,
  emptyWorld,
  evolve,
  isSimEventType,
  serializeWorld,
  simulationOfRunStream,
  simulationOfStream,
  streamOf,
  type Envelope,
  type RunEvent,
  type World,
} from '@tokentrail/domain';
import type { EventStore, RecordedEvent, SubscriptionItem } from '@tokentrail/event-store';
import { ArtifactTracker, artifactKey, type ArtifactChanges } from './artifact-tracker';
import { linkOf } from './link-record';
import { indexNames } from './name-index';
import type { ReadModel } from './read-model';

/**
 * A simulation's world is snapshotted after at least this many events, and after more as it
 * grows (see `snapshotDue`): a fold that cannot be answered from the intervals (remediate, a log
 * whose times go backwards) starts from the latest one.
 */
export const SNAPSHOT_EVERY = 500;

/**
 * Events between snapshots: at least SNAPSHOT_EVERY, one per this many bytes of the last snapshot
 * (so that writing a big world's snapshot costs a few microseconds per event), and at most
 * SNAPSHOT_AT_MOST (so that a fold from the latest snapshot stays a few seconds at most).
 */
const SNAPSHOT_BYTES_PER_EVENT = 100;
const SNAPSHOT_AT_MOST = 100_000;

/** The read model moved on without this process (another one projects into the same file). */
export class ReadModelMovedOn extends Error {
  override readonly name = 'ReadModelMovedOn';
}

interface SimulationState {
  sim: number;
  world: World;
  tracker: ArtifactTracker;
  firstAt: string;
  monotonic: boolean;
  /** The position of its latest snapshot (0: none), so restarts snapshot at the same places. */
  snapshotAt: number;
  snapshotBytes: number;
  /** Rows of the artifacts this process opened and that are still live. */
  rows: Map<string, number>;
}

/**
 * Applies batches of the store's log to the read model, each batch and the checkpoint after it
 * in one transaction. Keeps each simulation's world and live artifacts in memory between batches,
 * so an event costs what it changes.
 */
export class ProjectionBatch {
  private readonly states = new Map<string, SimulationState>();
  private position: bigint | null;

  constructor(
    private readonly store: EventStore,
    private readonly readModel: ReadModel,
    private readonly holdAt: bigint | null = null,
  ) {
    this.position = readModel.checkpoint();
  }

  /** Artifacts computed so far, over every simulation (the cost of projecting). */
  get touched(): number {
    let n = 0;
    for (const st of this.states.values()) n += st.tracker.touched;
    return n;
  }

  /** The simulations of a batch whose state must be loaded (`load`) before it is applied. */
  missing(items: readonly SubscriptionItem[]): string[] {
    const out = new Set<string>();
    for (const item of items) {
      if (item.kind !== 'event') continue;
      const simulation = simulationOfStream(item.event.streamId);
      if (simulation && !this.states.has(simulation)) out.add(simulation);
    }
    return [...out];
  }

  /**
   * Applies a batch whose simulations are loaded; returns the checkpoint after it. Synchronous, so
   * a subscription that delivers faster than it is applied waits for it.
   */
  apply(items: readonly SubscriptionItem[]): bigint | null {
    try {
      this.position = this.commit(items);
      return this.position;
    } catch (error) {
      // In-memory state may be ahead of the rolled-back rows: rebuild it from the read model.
      this.states.clear();
      this.position = this.readModel.checkpoint();
      throw error;
    }
  }

  private commit(items: readonly SubscriptionItem[]): bigint | null {
    let reached: bigint | null = null;
    this.readModel.commit((checkpoint) => {
      if (checkpoint !== this.position) throw new ReadModelMovedOn();
      const changed = new Set<string>();
      let moved: bigint | null = null;
      for (const item of items) {
        if (item.kind === 'caughtUp') continue;
        const position = item.kind === 'event' ? item.event.position : item.position;
        if (this.holdAt !== null && position > this.holdAt) break;
        if (checkpoint !== null && position <= checkpoint) continue;
        moved = position;
        if (item.kind === 'deleted') this.forget(item.stream);
        else {
          const simulation = this.projectStored(item.event);
          if (simulation) changed.add(simulation);
        }
      }
      for (const simulation of changed) this.summarize(simulation);
      reached = moved ?? checkpoint;
      return reached;
    });
    return reached;
  }

  /** A simulation's event is projected; a run's start or completion is recorded. */
  private projectStored(e: RecordedEvent): string | null {
    const simulation = simulationOfStream(e.streamId);
    if (simulation && isSimEventType(e.type)) {
      this.project(this.states.get(simulation) as SimulationState, decode(e));
      return simulation;
    }
    const runOf = simulationOfRunStream(e.streamId);
    if (runOf)
      this.readModel.recordRun(
        runOf,
        { type: e.type, data: e.data } as RunEvent,
        e.metadata.occurredAt,
      );
    return null;
  }

  private forget(stream: string): void {
    const simulation = simulationOfStream(stream) ?? simulationOfRunStream(stream);
    if (!simulation) return;
    this.states.delete(simulation);
    this.readModel.forgetSimulation(simulation);
  }

  /**
   * A simulation's state as the read model holds it: its latest snapshot, then its events up to
   * the read model's position for it, read from the store.
   */
  async load(simulation: string): Promise<void> {
    const rm = this.readModel;
    const row = rm.simulation(simulation);
    const snapshot = row ? rm.latestSnapshot(simulation, {}) : null;
    const world = snapshot ? deserializeWorld(snapshot.world) : emptyWorld();
    const upTo = row?.events ?? 0;
    if (world.position < upTo) {
      for await (const stored of this.store.readStream(streamOf(simulation), {
        from: BigInt(world.position),
      })) {
        const e = decode(stored);
        if (e.position > upTo) break;
        if (e.position > world.position) evolve(world, e);
      }
    }
    this.states.set(simulation, {
      sim: rm.simKey(simulation),
      world,
      tracker: ArtifactTracker.of(world, world.lastOccurredAt),
      firstAt: row?.firstAt ?? '',
      monotonic: row?.monotonic ?? true,
      snapshotAt: snapshot?.position ?? 0,
      snapshotBytes: snapshot?.bytes ?? 0,
      rows: new Map(),
    });
  }

  private project(st: SimulationState, e: Envelope): void {
    const rm = this.readModel;
    const at = e.occurredAt;
    // Artifacts that expired by themselves since the previous event end at their expiry.
    this.write(st, st.tracker.expire(st.world, at), at, e.position, null);
    rm.indexEvent(st.sim, linkOf(e));
    const maxBefore = st.world.maxOccurredAt;
    evolve(st.world, e);
    this.write(st, st.tracker.apply(st.world, e.event, at), at, e.position, e.eventId);
    indexNames(rm, st.sim, e, st.world);
    st.monotonic &&= !maxBefore || at >= maxBefore;
    st.firstAt ||= at;
    if (this.snapshotDue(st)) {
      st.snapshotBytes = rm.saveSnapshot(st.sim, {
        position: e.position,
        globalPosition: e.globalPosition,
        maxAt: st.world.maxOccurredAt ?? at,
        world: serializeWorld(st.world),
      });
      st.snapshotAt = e.position;
    }
  }

  private snapshotDue(st: SimulationState): boolean {
    const since = st.world.position - st.snapshotAt;
    const every = Math.min(SNAPSHOT_AT_MOST, st.snapshotBytes / SNAPSHOT_BYTES_PER_EVENT);
    return since >= SNAPSHOT_EVERY && since >= every;
  }

  /** Opened, closed (by `endedBy`, or by expiry when null) and extended artifacts, as rows. */
  private write(
    st: SimulationState,
    changes: ArtifactChanges,
    at: string,
    position: number,
    endedBy: string | null,
  ): void {
    const rm = this.readModel;
    for (const a of changes.closed) {
      const k = artifactKey(a);
      const end = {
        at: endedBy ? at : (a.expiresAt ?? at),
        position,
        endedBy,
        row: st.rows.get(k),
      };
      rm.closeArtifact(st.sim, a, end);
      st.rows.delete(k);
    }
    for (const a of changes.opened)
      st.rows.set(artifactKey(a), rm.openArtifact(st.sim, a, at, position));
    for (const a of changes.extended) rm.extendArtifact(st.sim, a, position);
  }

  private summarize(simulation: string): void {
    const st = this.states.get(simulation);
    if (!st) return; // deleted later in the same batch
    const w = st.world;
    this.readModel.upsertSimulation({
      id: simulation,
      events: w.position,
      firstAt: st.firstAt,
      lastAt: w.lastOccurredAt ?? st.firstAt,
      maxAt: w.maxOccurredAt ?? st.firstAt,
      lastPosition: w.lastGlobalPosition ?? 0n,
      monotonic: st.monotonic,
    });
  }
}
