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
 * when more arrive, the earliest of the logs' next records goes out. The logs themselves sit in a
 * heap by the time of their next record, so choosing one costs a log of the number of logs.
 */
export class RecordOrder {
  private readonly logs = new Map<string, LogHeap>();
  /** The logs that hold records, by the time of their next record; `slot` is each one's index. */
  private readonly heads: LogHeap[] = [];
  private readonly slot = new Map<LogHeap, number>();
  private held = 0;

  constructor(readonly window = REORDER_WINDOW) {}

  /** Takes one event; adds to `out` what may go out now. */
  push(e: WinEvent, out: WinEvent[]): void {
    const key = logOf(e);
    let heap = this.logs.get(key);
    if (!heap) this.logs.set(key, (heap = new LogHeap()));
    const head = heap.items[0] as WinEvent | undefined;
    heap.push(e);
    if (head === undefined) this.enter(heap);
    else if (heap.items[0] !== head) this.up(this.slot.get(heap) as number);
    this.held += 1;
    while (this.held > this.window) out.push(this.next());
  }

  /** At the end: everything still held, in order. */
  drain(out: WinEvent[]): void {
    while (this.held > 0) out.push(this.next());
  }

  private next(): WinEvent {
    const log = this.heads[0];
    const e = log.pop();
    this.held -= 1;
    if (log.items.length) this.down(0);
    else {
      const last = this.heads.pop() as LogHeap;
      this.slot.delete(log);
      if (last !== log) {
        this.place(last, 0);
        this.down(0);
      }
    }
    return e;
  }

  private enter(log: LogHeap): void {
    this.heads.push(log);
    this.slot.set(log, this.heads.length - 1);
    this.up(this.heads.length - 1);
  }

  private earlier(i: number, j: number): boolean {
    return this.heads[i].items[0].time < this.heads[j].items[0].time;
  }

  private place(log: LogHeap, i: number): void {
    this.heads[i] = log;
    this.slot.set(log, i);
  }

  private swap(i: number, j: number): void {
    const a = this.heads[i];
    this.place(this.heads[j], i);
    this.place(a, j);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.earlier(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heads.length && this.earlier(l, m)) m = l;
      if (r < this.heads.length && this.earlier(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
