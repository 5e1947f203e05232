import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { Projector } from '@tokentrail/projections';

/** How long a probe waits for the store before saying it does not answer. */
const STORE_TIMEOUT_MS = 3000;

/** Where the log and the read model stand, as health, readiness and metrics report it. */
export interface ProjectorStanding {
  lastPosition: bigint | null;
  projectedPosition: bigint | null;
  /** Positions not yet projected, and the age in seconds of the oldest event among them. */
  lag: { events: number; seconds: number };
}

/** The store did not answer in time, or failed: what health says instead of a 500. */
export class StoreDoesNotAnswer extends Error {
  override readonly name = 'StoreDoesNotAnswer';
}

/**
 * Measures the projector's lag against the log: in positions (the head's global position less the
 * checkpoint) and in seconds (how long ago the oldest event not yet projected was stored). Read on
 * the main thread from the store, so the projector thread needs to report nothing more than its
 * checkpoint.
 */
@Injectable()
export class ProjectorLag {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  get storeKind() {
    return this.store.kind;
  }

  get projectorMode() {
    return this.projector.mode;
  }

  async standing(now = Date.now()): Promise<ProjectorStanding> {
    const lastPosition = await this.answered(this.store.lastPosition());
    const projectedPosition = this.projector.checkpoint;
    if (lastPosition === null || (projectedPosition !== null && projectedPosition >= lastPosition))
      return { lastPosition, projectedPosition, lag: { events: 0, seconds: 0 } };
    const oldest = await this.answered(this.firstUnprojected(projectedPosition));
    const recorded = oldest ? Date.parse(oldest.metadata.recordedAt) : now;
    return {
      lastPosition,
      projectedPosition,
      lag: {
        events: Number(lastPosition - (projectedPosition ?? 0n)),
        seconds: Math.max(0, (now - recorded) / 1000),
      },
    };
  }

  /** The first event after the checkpoint, read from the checkpoint (a position that exists). */
  private async firstUnprojected(checkpoint: bigint | null) {
    for await (const event of this.store.readAll({
      fromPosition: checkpoint ?? undefined,
      maxCount: 2,
    }))
      if (checkpoint === null || event.position > checkpoint) return event;
    return null;
  }

  private async answered<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new StoreDoesNotAnswer('no answer in time')),
            STORE_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      if (error instanceof StoreDoesNotAnswer) throw error;
      throw new StoreDoesNotAnswer(
        error instanceof Error ? error.message.split('\n')[0] : String(error),
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
