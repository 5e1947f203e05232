import { SqliteEventStore } from '@tokentrail/event-store';
import { ProjectionLoop, ReadModel, projectorConfig } from '@tokentrail/projections';
import { filter, firstValueFrom } from 'rxjs';
import { since } from './percentiles';

export interface RebuildFigures {
  events: number;
  seconds: number;
  rebuildEventsPerSec: number;
  firstTenthEventsPerSec: number;
  lastTenthEventsPerSec: number;
  /** The rate over each tenth of the log, in order (the first is mostly the directory's set-up). */
  tenthsEventsPerSec: number[];
}

/**
 * Every projection rebuilt from position 0 into an empty read model, on this thread (the loop
 * the API's worker runs), with the rate over the whole log and over its first and last tenth.
 */
export async function rebuild(
  storeFile: string,
  readFile: string,
  progress: (position: bigint) => void,
): Promise<RebuildFigures> {
  const store = new SqliteEventStore(storeFile);
  const head = (await store.lastPosition()) ?? 0n;
  const readModel = new ReadModel(readFile);
  // The API's batch size (TOKENTRAIL_PROJECTOR_BATCH, default 5000).
  const { TOKENTRAIL_PROJECTOR_BATCH: batch } = projectorConfig(process.env);
  const loop = new ProjectionLoop(store, readModel, { batch, holdAt: null });
  const marks: Array<[number, number]> = [];
  const start = process.hrtime.bigint();
  loop.position$.subscribe((p) => {
    if (p === null) return;
    marks.push([since(start), Number(p)]);
    progress(p);
  });
  loop.start();
  await firstValueFrom(loop.position$.pipe(filter((p) => p !== null && p >= head)));
  const ms = since(start);
  loop.stop();
  readModel.close();
  await store.close();
  const total = Number(head);
  /** Events per second between the marks nearest to two positions. */
  const rate = (from: number, to: number) => {
    const a = marks.find(([, p]) => p >= from) ?? [0, 0];
    const b = marks.find(([, p]) => p >= to) ?? marks[marks.length - 1];
    return Math.round(((b[1] - a[1]) / (b[0] - a[0])) * 1000);
  };
  return {
    events: total,
    seconds: +(ms / 1000).toFixed(1),
    rebuildEventsPerSec: Math.round(total / (ms / 1000)),
    firstTenthEventsPerSec: rate(0, total * 0.1),
    lastTenthEventsPerSec: rate(total * 0.9, total),
    tenthsEventsPerSec: Array.from({ length: 10 }, (_, i) =>
      rate((total * i) / 10, (total * (i + 1)) / 10),
    ),
  };
}
