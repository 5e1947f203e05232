import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { FINDING_CLASSES, streamOf, type FindingClass } from '@tokentrail/domain';
import { CommandSender, RunLog, type TimedCommand } from '@tokentrail/simulation';
import type { ImportProgress, ImportSummary } from './import-summary';
import { mapEvent } from './map-event';
import { recordDigest } from './record-digest';
import { readContext, readInputBatches } from './read/read-inputs';
import type { InputFormat, Malformed, WinEvent } from './read/win-event';
import { RecordOrder, REORDER_WINDOW } from './record-order';

export interface ImportOptions {
  format?: InputFormat | 'auto';
  /** The zone of zone-less local times; without it, each file's is inferred. */
  timezone?: string;
  /** What `-` reads (standard input, a request body). */
  stdin?: Readable;
  onProgress?: (p: ImportProgress) => void;
  reorderWindow?: number;
}

/** How many malformed records the summary lists; the rest are counted. */
const SHOWN = 20;
/** Mapped records per command batch (each command is still decided and stored on its own). */
const BATCH = 2000;
/** Progress is told at most this often; the last report is always made. */
const PROGRESS_EVERY_MS = 1000;

const isLogged = (channel: string) => /^(security|system)$/i.test(channel);

/**
 * Windows Security events in: read through readInputs (every shape and container, each file's
 * report), put in each computer's record order, mapped, and sent as `observe` commands to one
 * simulation (created on first use) in batches. The import is a run: it records its start and
 * completion. Importing again skips what was imported (by computer, log and record number), so an
 * import stopped by a read error is finished by importing the same inputs again.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly commands: CommandSender,
    private readonly runs: RunLog,
  ) {}

  async import(
    simulation: string,
    inputs: string[],
    options: ImportOptions = {},
  ): Promise<ImportSummary> {
    streamOf(simulation); // a bad id fails before anything is read
    readContext(options); // and so do a bad format or zone
    const started = Date.now();
    const s: ImportSummary = {
      simulation,
      inputs,
      read: 0,
      mapped: 0,
      imported: 0,
      skipped: 0,
      malformed: 0,
      files: 0,
      inputsDone: 0,
      file: null,
      bytes: 0,
      seconds: 0,
      ratePerSecond: 0,
      duplicates: 0,
      unchanged: 0,
      otherChannels: 0,
      unknown: {},
      malformedShown: [],
      malformedNotShown: 0,
      events: 0,
      baselineFacts: 0,
      findings: Object.fromEntries(FINDING_CLASSES.map((c) => [c, 0])) as Record<
        FindingClass,
        number
      >,
      reports: [],
      problems: [],
      exitCode: 0,
      reorderWindow: options.reorderWindow ?? REORDER_WINDOW,
      mappedPerSecond: 0,
    };
    let lastReport = 0;
    const report = (force = false) => {
      const now = Date.now();
      if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
      lastReport = now;
      s.seconds = (now - started) / 1000;
      s.ratePerSecond = Math.round(s.read / Math.max(s.seconds, 0.001));
      s.mappedPerSecond = Math.round(s.mapped / Math.max(s.seconds, 0.001));
      options.onProgress?.({
        read: s.read,
        mapped: s.mapped,
        imported: s.imported,
        skipped: s.skipped,
        malformed: s.malformed,
        files: s.files,
        inputsDone: s.inputsDone,
        file: s.file,
        bytes: s.bytes,
        seconds: s.seconds,
        ratePerSecond: s.ratePerSecond,
      });
    };
    const bad = (m: Malformed) => {
      s.malformed += 1;
      if (s.malformedShown.length < SHOWN) s.malformedShown.push(m);
      else s.malformedNotShown += 1;
    };

    const run = randomUUID();
    let batch: TimedCommand[] = [];
    let origins: WinEvent['source'][] = [];
    let startedRun = false;
    let last = '';
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
      const sent = batch;
      const from = origins;
      batch = [];
      origins = [];
      const results = await this.commands.batch(simulation, sent, {
        correlationId: run,
        refusals: 'skip',
      });
      for (const [i, r] of results.entries()) {
        if ('refused' in r) {
          bad({ ...from[i], reason: r.refused.message });
          continue;
        }
        if (r.events.length === 0) s.unchanged += 1;
        else s.imported += 1;
        s.events += r.events.length;
        for (const e of r.events) {
          if (e.event.type === 'BaselineMembershipObserved') s.baselineFacts += 1;
          else if (e.event.type === 'TokenDivergenceFound') s.findings[e.event.data.finding] += 1;
        }
      }
    };

    /** Records taken in this import, per computer's log (by number, or digest without one). */
    const seen = new Map<string, Set<number | string>>();
    /** One record in order: counted, mapped, and queued as commands (sent by `flush`). */
    const take = (e: WinEvent) => {
      const log = `${e.computer}#${e.channel}`;
      let taken = seen.get(log);
      if (!taken) seen.set(log, (taken = new Set()));
      const id = e.recordId ?? recordDigest(e);
      if (taken.has(id)) {
        s.duplicates += 1;
        return;
      }
      taken.add(id);
      const mapped = mapEvent(e);
      if ('unknown' in mapped) {
        s.skipped += 1;
        s.unknown[mapped.unknown] = (s.unknown[mapped.unknown] ?? 0) + 1;
        return;
      }
      if ('invalid' in mapped) {
        bad({ ...e.source, reason: mapped.invalid });
        return;
      }
      s.mapped += 1;
      batch.push({ command: { verb: 'observe', args: mapped.observation }, at: e.time });
      origins.push(e.source);
      if (e.time > last) last = e.time;
    };

    const order = new RecordOrder(s.reorderWindow);
    const ready: WinEvent[] = [];
    const reading = {
      ...options,
      onRead: (n: number) => {
        s.bytes += n;
      },
    };
    for await (const items of readInputBatches(inputs, reading)) {
      for (const item of items) {
        if ('malformed' in item) bad(item.malformed);
        else if ('file' in item) {
          s.files += 1;
          s.reports.push(item.file);
          const r = item.file;
          if (r.parent === null) s.inputsDone += 1;
          if (r.parent === null && r.status !== 'read')
            s.problems.push({
              name: r.name,
              status: r.status,
              reason: r.reason,
              stoppedAt: r.stoppedAt,
              records: r.records,
            });
        } else {
          const e = item.event;
          s.read += 1;
          s.file = e.source.file;
          // Only the Security and System logs hold these facts; a record naming no log is neither.
          if (!isLogged(e.channel)) {
            s.skipped += 1;
            s.otherChannels += 1;
          } else order.push(e, ready);
        }
      }
      for (const r of ready) take(r);
      ready.length = 0;
      if (batch.length >= BATCH) await flush();
      report();
    }
    order.drain(ready);
    for (const r of ready) take(r);
    await flush();
    if (startedRun) await this.runs.complete(simulation, run, last);
    s.exitCode = s.problems.length ? 3 : 0;
    report(true);
    return s;
  }
}
