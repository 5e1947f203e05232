import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  EVENT_STORE,
  EventStoreDbEventStore,
  SqliteEventStore,
  type EventStore,
} from '@tokentrail/event-store';
import { BehaviorSubject, filter, firstValueFrom } from 'rxjs';
import { ProjectionLoop } from './projection-loop';
import { projectorConfig, type ProjectorConfig } from './projector-config';
import type { ProjectorWorkerData, ProjectorWorkerMessage } from './projector-worker';
import { ReadModel } from './read-model';
import { READ_MODEL } from './read-model.token';

/** The compiled worker script; absent when running from sources (tests), which project inline. */
const WORKER_SCRIPT = join(__dirname, 'projector-worker.js');

/** How another thread opens the same log, or null when it cannot (an in-memory store). */
function storeLocation(store: EventStore): Record<string, string> | null {
  if (store instanceof SqliteEventStore && store.file !== ':memory:')
    return { TOKENTRAIL_STORE: 'embedded', TOKENTRAIL_DB: store.file };
  if (store instanceof EventStoreDbEventStore)
    return {
      TOKENTRAIL_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: store.connectionString,
    };
  return null;
}

/**
 * Keeps the read model up to date with the log: in a worker thread by default, so the API's event
 * loop stays free while it catches up on a long log, or inline (see `ProjectorConfig`). Each batch
 * and the checkpoint after it are one transaction, so a crash never applies an event twice or
 * skips one.
 */
@Injectable()
export class Projector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly config: ProjectorConfig = projectorConfig(process.env);
  private readonly position$: BehaviorSubject<bigint | null>;
  private loop?: ProjectionLoop;
  private worker?: Worker;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
  ) {
    this.position$ = new BehaviorSubject(readModel.checkpoint());
  }

  onApplicationBootstrap(): void {
    if (this.config.TOKENTRAIL_PROJECTOR !== 'off') this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    this.readModel.close();
  }

  /** Where it runs now: a worker thread, inline, or not at all. */
  get mode(): 'worker' | 'inline' | 'off' {
    return this.worker ? 'worker' : this.loop ? 'inline' : 'off';
  }

  /** A worker thread when asked for and possible: a log and read model another thread opens. */
  private inWorker(): boolean {
    return (
      this.config.TOKENTRAIL_PROJECTOR === 'worker' &&
      storeLocation(this.store) !== null &&
      this.readModel.file !== ':memory:' &&
      existsSync(WORKER_SCRIPT)
    );
  }

  start(): void {
    if (this.loop || this.worker) return;
    const options = {
      batch: this.config.TOKENTRAIL_PROJECTOR_BATCH,
      holdAt: this.config.TOKENTRAIL_PROJECTOR_HOLD_AT ?? null,
    };
    if (!this.inWorker()) {
      this.loop = new ProjectionLoop(this.store, this.readModel, options);
      this.loop.position$.subscribe((p) => this.position$.next(p));
      this.loop.start();
      return;
    }
    const data: ProjectorWorkerData = {
      store: storeLocation(this.store) as Record<string, string>,
      readModel: this.readModel.file,
      batch: options.batch,
      holdAt: options.holdAt === null ? null : options.holdAt.toString(),
    };
    const worker = new Worker(WORKER_SCRIPT, { workerData: data });
    worker.on('message', (m: ProjectorWorkerMessage) =>
      this.position$.next(m.checkpoint === null ? null : BigInt(m.checkpoint)),
    );
    worker.on('error', (error) => this.logger.error(`projector thread failed: ${error.message}`));
    this.worker = worker;
  }

  async stop(): Promise<void> {
    this.loop?.stop();
    this.loop = undefined;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    // A batch in flight is one transaction: cut short, it is rolled back and done again later.
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  /** The checkpoint: the global position of the last event in the read model. */
  get checkpoint(): bigint | null {
    return this.position$.value;
  }

  /** Artifacts computed by an inline projector so far (the projection's work). */
  get touched(): number {
    return this.loop?.touched ?? 0;
  }

  /** Resolves once the read model holds every event stored up to now. */
  async settled(): Promise<void> {
    const head = await this.store.lastPosition();
    if (head === null) return;
    await firstValueFrom(this.position$.pipe(filter((p) => p !== null && p >= head)));
  }
}
