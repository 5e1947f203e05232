import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { streamOf } from '@tokentrail/domain';
import { CommandSender, RunLog, type TimedCommand } from '@tokentrail/simulation';
import { mapEvent } from './map-event';
import { readEvents, type ReadOptions } from './read/read-events';
import type { LineSource } from './read/read-sources';
import type { ImportProgress, ImportSummary } from './import-summary';
import type { Malformed } from './read/win-event';

/** Mapped records per batch: each is still decided and stored on its own, all or nothing. */
const BATCH = 500;

/**
 * Windows Security events in: read (any format), map, and send each fact as an `observe` command
 * to one simulation (created on first use), in batches. The import is a run: it records its start
 * and completion, so one that was interrupted reads incomplete; importing again skips what was
 * imported (a record is imported once, by computer, log and record number).
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly commands: CommandSender,
    private readonly runs: RunLog,
  ) {}

  async import(
    simulation: string,
    sources: AsyncIterable<LineSource>,
    options: ReadOptions & { onProgress?: (p: ImportProgress) => void },
  ): Promise<ImportSummary> {
    streamOf(simulation); // a bad id fails before anything is read
    const started = Date.now();
    const s: ImportSummary = {
      simulation,
      sources: [],
      read: 0,
      imported: 0,
      skipped: 0,
      malformed: 0,
      ratePerSecond: 0,
      duplicates: 0,
      otherChannels: 0,
      unknown: {},
      malformedLines: [],
      events: 0,
      divergences: 0,
      otrfZone: null,
    };
    const seen = new Set<string>();
    let lastReport = 0;
    const report = (force = false) => {
      s.ratePerSecond = Math.round(s.read / Math.max((Date.now() - started) / 1000, 0.001));
      if (options.onProgress && s.read > 0 && (force || Date.now() - lastReport >= 1000)) {
        lastReport = Date.now();
        options.onProgress({
          read: s.read,
          imported: s.imported,
          skipped: s.skipped,
          malformed: s.malformed,
          ratePerSecond: s.ratePerSecond,
        });
      }
    };
    const bad = (m: Malformed) => {
      s.malformed += 1;
      if (s.malformedLines.length < 100) s.malformedLines.push(m);
    };
    const run = randomUUID();
    let batch: TimedCommand[] = [];
    let origins: { file: string; line: number }[] = [];
    let startedRun = false;
    const flush = async () => {
      if (batch.length === 0) return;
      if (!startedRun) {
        await this.runs.start(
          simulation,
          { run, kind: 'import', title: 'Windows event import', commands: null, planHash: null },
          batch[0].at,
        );
        startedRun = true;
      }
      const results = await this.commands.batch(simulation, batch, {
        correlationId: run,
        refusals: 'skip',
      });
      for (const [i, r] of results.entries()) {
        if ('refused' in r) {
          bad({ ...origins[i], reason: r.refused.message });
          continue;
        }
        if (r.events.length === 0) s.duplicates += 1;
        else s.imported += 1;
        s.events += r.events.length;
        s.divergences += r.events.filter((x) => x.event.type === 'TokenDivergenceFound').length;
      }
      batch = [];
      origins = [];
    };
    let last = '';
    for await (const source of sources) {
      s.sources.push(source.name);
      for await (const item of readEvents(source, options)) {
        report();
        if ('malformed' in item) {
          bad(item.malformed);
          continue;
        }
        const e = item.event;
        s.read += 1;
        if (e.format === 'otrf') s.otrfZone = options.zone;
        if (!/^(security|system)$/i.test(e.channel)) {
          s.skipped += 1;
          s.otherChannels += 1;
          continue;
        }
        const key = `${e.computer}#${e.channel}#${e.recordId ?? `${e.eventId}@${e.time}`}`;
        if (e.recordId !== null && seen.has(key)) {
          s.duplicates += 1;
          continue;
        }
        seen.add(key);
        const mapped = mapEvent(e);
        if ('unknown' in mapped) {
          s.skipped += 1;
          s.unknown[mapped.unknown] = (s.unknown[mapped.unknown] ?? 0) + 1;
          continue;
        }
        if ('invalid' in mapped) {
          bad({ file: e.source.file, line: e.source.line, reason: mapped.invalid });
          continue;
        }
        batch.push({ command: { verb: 'observe', args: mapped.observation }, at: e.time });
        origins.push(e.source);
        last = e.time > last ? e.time : last;
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    if (startedRun) await this.runs.complete(simulation, run, last);
    report(true);
    return s;
  }
}
