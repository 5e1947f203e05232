import type { WinEvent } from './read/win-event';

/**
 * How many records the importer holds at most to put them in order: about 100 MB of parsed
 * events. Records further apart than this in a file keep the file's order.
 */
export const REORDER_WINDOW = 50_000;

/** A computer's log, whose record numbers count on: `WORKSTATION6#Security`. */
const logOf = (e: WinEvent) => `${e.computer}#${e.channel.toLowerCase()}`;

const before = (a: WinEvent, b: WinEvent) =>
  a.recordId !== null && b.recordId !== null
    ? a.recordId < b.recordId || (a.recordId === b.recordId && a.time < b.time)
    : a.time < b.time;

/** A binary min-heap of one log's held records, by record number. */
class LogHeap {
  readonly items: WinEvent[] = [];

  push(e: WinEvent): void {
    const a = this.items;
    a.push(e);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop(): WinEvent {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as WinEvent;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Events in the order a simulation must see them: within one computer's log by record number
 * (a 4627 written before its 4624, files of one log given out of order), and across logs by time
 * (a removal on the DC before the next logon on a workstation). At most `window` events are held;
 * when more arrive, the earliest of the logs' next records goes out.
 */
export class RecordOrder {
  private readonly logs = new Map<string, LogHeap>();
  private held = 0;

  constructor(readonly window = REORDER_WINDOW) {}

  /** Takes one event; adds to `out` what may go out now. */
  push(e: WinEvent, out: WinEvent[]): void {
    const key = logOf(e);
    let heap = this.logs.get(key);
    if (!heap) this.logs.set(key, (heap = new LogHeap()));
    heap.push(e);
    this.held += 1;
    while (this.held > this.window) out.push(this.next());
  }

  /** At the end: everything still held, in order. */
  drain(out: WinEvent[]): void {
    while (this.held > 0) out.push(this.next());
  }

  private next(): WinEvent {
    let best: LogHeap | null = null;
    for (const heap of this.logs.values())
      if (heap.items.length && (!best || heap.items[0].time < best.items[0].time)) best = heap;
    this.held -= 1;
    return (best as LogHeap).pop();
  }
}
