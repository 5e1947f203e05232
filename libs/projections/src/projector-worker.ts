import { parentPort, workerData } from 'node:worker_threads';
import { createEventStore, parseStoreConfig } from '@tokentrail/event-store';
import { ProjectionLoop } from './projection-loop';
import { ReadModel } from './read-model';

/** What the API thread hands its projector thread: where the log and the read model live. */
export interface ProjectorWorkerData {
  store: Record<string, string>;
  readModel: string;
  batch: number;
  holdAt: string | null;
}

/** Messages the projector thread posts: where the read model stands after each batch. */
export interface ProjectorWorkerMessage {
  checkpoint: string | null;
}

const data = workerData as ProjectorWorkerData;
const store = createEventStore(parseStoreConfig(data.store));
const readModel = new ReadModel(data.readModel);
const loop = new ProjectionLoop(store, readModel, {
  batch: data.batch,
  holdAt: data.holdAt === null ? null : BigInt(data.holdAt),
});
loop.position$.subscribe((p) =>
  parentPort?.postMessage({ checkpoint: p === null ? null : p.toString() }),
);
parentPort?.on('message', (message: string) => {
  if (message !== 'stop') return;
  loop.stop();
  readModel.close();
  void store.close().then(() => parentPort?.close());
});
loop.start();
