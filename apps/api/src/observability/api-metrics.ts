import { Injectable } from '@nestjs/common';
import type { AppendObserver } from '@tokentrail/simulation';
import type { ImportSummary } from '@tokentrail/siem';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CollectFunction,
} from 'prom-client';
import { ProjectorLag } from './projector-lag';

/** Seconds: appends and questions take from well under a millisecond to seconds. */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/**
 * The API's Prometheus metrics, in a registry of its own (two applications in one test process do
 * not share counters). Writes are counted where every command passes (the write side's append),
 * questions where every view passes (the views' interceptor), imports at the import route.
 */
@Injectable()
export class ApiMetrics implements AppendObserver {
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'tokentrail_commands_appended_total',
    help: 'Commands stored (each all or nothing)',
    registers: [this.registry],
  });
  private readonly events = new Counter({
    name: 'tokentrail_events_appended_total',
    help: 'Events stored by commands',
    registers: [this.registry],
  });
  private readonly appendSeconds = new Histogram({
    name: 'tokentrail_append_duration_seconds',
    help: 'Time of one append of whole commands to the event store',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly questionSeconds = new Histogram({
    name: 'tokentrail_question_duration_seconds',
    help: 'Time to answer one time-travel question, by query kind',
    labelNames: ['kind'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly importRecords = new Counter({
    name: 'tokentrail_import_records_total',
    help: 'Windows event records read by imports, by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor(private readonly lag: ProjectorLag) {
    collectDefaultMetrics({ register: this.registry });
    // Read when scraped: a store that does not answer leaves the last values in place.
    const standing = () => this.lag.standing().catch(() => null);
    const lagGauge = (
      name: string,
      help: string,
      pick: (l: { events: number; seconds: number }) => number,
    ) => {
      const collect: CollectFunction<Gauge> = async function () {
        const s = await standing();
        if (s) this.set(pick(s.lag));
      };
      return new Gauge({ name, help, registers: [this.registry], collect });
    };
    lagGauge(
      'tokentrail_projector_lag_events',
      'Global positions stored but not yet projected into the read model',
      (l) => l.events,
    );
    lagGauge(
      'tokentrail_projector_lag_seconds',
      'Age of the oldest event not yet projected (0 when caught up)',
      (l) => l.seconds,
    );
  }

  appended({ commands, events, seconds }: { commands: number; events: number; seconds: number }) {
    this.commands.inc(commands);
    this.events.inc(events);
    this.appendSeconds.observe(seconds);
  }

  answered(kind: string, seconds: number): void {
    this.questionSeconds.observe({ kind }, seconds);
  }

  imported(summary: ImportSummary): void {
    const outcomes = {
      imported: summary.imported,
      unchanged: summary.unchanged,
      duplicate: summary.duplicates,
      skipped: summary.skipped,
      malformed: summary.malformed,
    };
    for (const [outcome, count] of Object.entries(outcomes))
      this.importRecords.inc({ outcome }, count);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
