import { z } from 'zod';
import { localMillis } from './event-time';
import type { Item } from './read-item';
import { formatOffset, withinZoneRange } from './time-zone';

/**
 * Records carrying both a zone-less time and a zoned ingest time, whose median gives the offset.
 */
const SAMPLES = 25;
/** Records held at most while the offset is not known yet (memory stays bounded). */
const MAX_HELD = 10_000;
const STEP_MS = 15 * 60_000;

/** How a file's zone-less local times were read. */
export const timeReportSchema = z.object({
  /** Records whose time had no zone. */
  zoneless: z.number().int(),
  /** The offset they were read in (`-04:00`); null when there were none. */
  offset: z.string().nullable(),
  /**
   * Given by the caller; inferred from the ingest times; none (read as UTC: nothing to infer from).
   */
  source: z.enum(['given', 'inferred', 'none']),
  /** Records that carried both times (those the inference used, at most 25). */
  samples: z.number().int(),
  note: z.string().optional(),
});
export type TimeReport = z.infer<typeof timeReportSchema>;

/**
 * One file's reading of zone-less local times (NXLog `EventTime`). A given offset applies at once.
 * Otherwise the events are held until 25 records have shown both their local time and a zoned
 * ingest time (`@timestamp`, 1–2 s later): the median difference, rounded to 15 minutes, is the
 * file's offset. Events keep their order: once one is held, all that follow wait with it.
 */
export class LocalTimeZone {
  private offset: number | null;
  private held: Item[] = [];
  private readonly diffs: number[] = [];
  private zoneless = 0;
  private note: string | undefined;

  constructor(private readonly given: number | null) {
    this.offset = given;
  }

  /** Adds to `out` the items ready to go out, in order. */
  push(item: Item, out: Item[]): void {
    if ('event' in item && item.event.localTime !== undefined) {
      this.zoneless += 1;
      if (this.offset !== null) {
        out.push(this.place(item));
        return;
      }
      const ingest = item.event.ingestTime;
      if (ingest !== undefined && this.diffs.length < SAMPLES)
        this.diffs.push(Date.parse(ingest) - localMillis(item.event.localTime)!);
      this.held.push(item);
      if (this.diffs.length >= SAMPLES || this.held.length >= MAX_HELD) this.release(out);
    } else if (this.held.length === 0) out.push(item);
    else this.held.push(item);
  }

  /** At the end of the file: adds to `out` what is still held, read with what was seen. */
  end(out: Item[]): void {
    if (this.held.length) this.release(out);
  }

  report(): TimeReport {
    return {
      zoneless: this.zoneless,
      offset: this.zoneless && this.offset !== null ? formatOffset(this.offset) : null,
      source: this.given !== null ? 'given' : this.diffs.length && !this.note ? 'inferred' : 'none',
      samples: this.diffs.length,
      ...(this.note ? { note: this.note } : {}),
    };
  }

  private release(out: Item[]): void {
    this.offset = this.infer();
    for (const item of this.held) out.push(this.place(item));
    this.held = [];
  }

  private infer(): number {
    if (!this.diffs.length) {
      this.note = 'no zoned ingest time to infer the offset from: local times read as UTC';
      return 0;
    }
    const sorted = [...this.diffs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const minutes = -Math.round(median / STEP_MS) * 15;
    if (withinZoneRange(minutes)) return minutes + 0;
    this.note = `ingest times are ${Math.round(median / 3_600_000)} h after the local times: no zone is that far, local times read as UTC`;
    return 0;
  }

  private place(item: Item): Item {
    if ('event' in item && item.event.localTime !== undefined)
      item.event.time = new Date(
        localMillis(item.event.localTime)! - this.offset! * 60_000,
      ).toISOString();
    return item;
  }
}
