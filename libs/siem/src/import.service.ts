import { Injectable } from '@nestjs/common';
import { CommandSender } from '@tokentrail/simulation';
import { mapEvent } from './map-event';
import { readEvents, type ReadOptions } from './read/read-events';
import type { LineSource } from './read/read-sources';
import type { Malformed } from './read/win-event';

export interface ImportProgress {
  read: number;
  imported: number;
  skipped: number;
  malformed: number;
  ratePerSecond: number;
}

export interface ImportSummary extends ImportProgress {
  simulation: string;
  sources: string[];
  duplicates: number;
  /** Events of logs other than Security and System (Sysmon, PowerShell, …): skipped. */
  otherChannels: number;
  /** Event IDs that are not mapped, with their counts: skipped, never fatal. */
  unknown: Record<string, number>;
  /** The first 100 unreadable lines (all are counted in `malformed`). */
  malformedLines: Malformed[];
  /** Events appended to the simulation. */
  events: number;
  /** Logged tokens whose groups differ from the simulation's (TokenDivergenceFound). */
  divergences: number;
  /** OTRF `EventTime` has no zone: the zone it was read in, when such records were seen. */
  otrfZone: string | null;
}

/**
 * Windows Security events in: read (any format), map, and send each fact as an `observe`
 * command to one simulation (created on first use). A record delivered twice is imported once.
 */
@Injectable()
export class ImportService {
  constructor(private readonly commands: CommandSender) {}

  async import(
    simulation: string,
    sources: AsyncIterable<LineSource>,
    options: ReadOptions & { onProgress?: (p: ImportProgress) => void },
  ): Promise<ImportSummary> {
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
        const outcome = await this.commands.send(
          simulation,
          { verb: 'observe', args: mapped.observation },
          e.time,
          { correlationId: `import-${started}` },
        );
        if (outcome.events.length === 0) s.duplicates += 1;
        else s.imported += 1;
        s.events += outcome.events.length;
        s.divergences += outcome.events.filter((x) => x.type === 'TokenDivergenceFound').length;
      }
    }
    report(true);
    return s;
  }
}
