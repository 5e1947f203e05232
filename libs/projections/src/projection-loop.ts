import { Logger } from '@nestjs/common';
import type { EventStore, SubscriptionItem } from '@tokentrail/event-store';
import { BehaviorSubject, bufferTime, filter, type Subscription } from 'rxjs';
import { ProjectionBatch, ReadModelMovedOn } from './projection-batch';
import type { ReadModel } from './read-model';

export interface ProjectionLoopOptions {
  /** Events per read-model transaction at most. */
  batch: number;
  /** Project up to this global position and hold there (a test hook). */
  holdAt: bigint | null;
}

/**
 * Folds the store's log into the read model from a catch-up subscription on $all (stored
 * positions, not the in-process bus), in batches. When a batch names a simulation whose state is
 * not in memory, reading pauses, the state is loaded, and reading resumes from the checkpoint.
 */
export class ProjectionLoop {
  private readonly logger = new Logger('Projector');
  readonly position$: BehaviorSubject<bigint | null>;
  private readonly batch: ProjectionBatch;
  private subscription?: Subscription;
  private retry?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly store: EventStore,
    private readonly readModel: ReadModel,
    private readonly options: ProjectionLoopOptions,
  ) {
    this.batch = new ProjectionBatch(store, readModel, options.holdAt);
    this.position$ = new BehaviorSubject(readModel.checkpoint());
  }

  /** Artifacts computed so far (the projection's work). */
  get touched(): number {
    return this.batch.touched;
  }

  start(): void {
    this.running = true;
    this.subscribe();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retry);
    this.unsubscribe();
  }

  private subscribe(): void {
    if (!this.running || this.subscription) return;
    this.subscription = this.store
      .subscribeToAll({ fromPosition: this.readModel.checkpoint() ?? undefined })
      .pipe(
        bufferTime(20, null, this.options.batch),
        filter((items) => items.length > 0),
      )
      .subscribe({
        next: (items) => this.next(items),
        error: (error: unknown) => this.fail(error),
      });
  }

  private unsubscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private next(items: SubscriptionItem[]): void {
    const missing = this.batch.missing(items);
    if (missing.length > 0) {
      this.pauseFor(async () => {
        for (const simulation of missing) await this.batch.load(simulation);
      });
      return;
    }
    try {
      const reached = this.batch.apply(items);
      if (reached !== null) this.position$.next(reached);
    } catch (error) {
      if (error instanceof ReadModelMovedOn) this.pauseFor(async () => undefined);
      else this.fail(error);
    }
  }

  /** Stops reading, does `work`, then reads again from the checkpoint. */
  private pauseFor(work: () => Promise<void>): void {
    this.unsubscribe();
    work().then(
      () => this.subscribe(),
      (error: unknown) => this.fail(error),
    );
  }

  /** The failed batch was rolled back with its checkpoint: start again from the checkpoint. */
  private fail(error: unknown): void {
    this.logger.error(
      `projection failed, retrying from the checkpoint: ${(error as Error).message}`,
    );
    this.unsubscribe();
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.subscribe(), 1000);
  }
}
