import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgument, streamOf } from '@tokentrail/domain';
import {
  ImportService,
  INPUT_FORMATS,
  readContext,
  type ImportProgress,
  type ImportSummary,
  type InputFormat,
} from '@tokentrail/siem';
import { progress } from './progress';
import { reportErrors } from './report-errors';
import { withApp } from './with-app';

const FORMATS = ['auto', ...INPUT_FORMATS] as const;

/** The size of an input on disk: a file's, or every file's in a directory; standard input 0. */
function sizeOf(path: string): number {
  if (path === '-') return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

const MB = 1024 * 1024;

/**
 * Import progress: megabytes of the inputs read, counts and rate. A zip is read in place by its own
 * reader: it counts when it is done.
 */
function progressReporter(inputs: string[]): {
  onProgress: (p: ImportProgress) => void;
  stop: (p: ImportProgress) => void;
} {
  const sizes = inputs.map(sizeOf);
  const total = sizes.reduce((a, b) => a + b, 0);
  const shown = progress({
    total,
    payload: {
      size: (total / MB).toFixed(1),
      read: 0,
      imported: 0,
      skipped: 0,
      malformed: 0,
      rate: 0,
      file: '',
    },
    format:
      'importing |{bar}| {percentage}% of {size} MB | {read} read, {imported} imported | {rate} records/s | {file}',
    line: (_, p) =>
      `read ${p.read}, imported ${p.imported}, skipped ${p.skipped}, malformed ${p.malformed}, ${p.rate} records/s`,
  });
  const update = (p: ImportProgress) => {
    const done = sizes.slice(0, p.inputsDone).reduce((a, b) => a + b, 0);
    shown.update(Math.max(p.bytes, done), {
      size: (total / MB).toFixed(1),
      read: p.read,
      imported: p.imported,
      skipped: p.skipped,
      malformed: p.malformed,
      rate: p.ratePerSecond,
      file: p.file ?? '',
    });
  };
  return {
    onProgress: update,
    stop: (p) => {
      update(p);
      shown.stop();
    },
  };
}

/** What each input gave, and every problem, on standard error. */
function reportFiles(summary: ImportSummary): void {
  for (const r of summary.reports) {
    if (r.parent !== null && r.kind !== 'log') continue;
    const zone = r.time?.offset
      ? `, local times read at ${r.time.offset} (${r.time.source}${r.time.note ? `: ${r.time.note}` : ''})`
      : r.time?.note
        ? `, ${r.time.note}`
        : '';
    const skipped = r.skipped.count ? `, ${r.skipped.count} entries skipped` : '';
    const why = r.status === 'read' ? '' : `: ${r.reason}`;
    process.stderr.write(
      `${r.name}: ${r.kind === 'log' ? (r.format ?? 'no format') : r.kind}${r.gzip ? ' (gzip)' : ''}, ${r.records} records, ${r.malformed.count} malformed${skipped}${zone}, ${r.status}${why}\n`,
    );
  }
  for (const m of summary.malformedShown)
    process.stderr.write(`${m.file}:${m.line}: ${m.reason}\n`);
  if (summary.malformedNotShown)
    process.stderr.write(`${summary.malformedNotShown} more errors not shown\n`);
  for (const p of summary.problems)
    process.stderr.write(
      `tokentrail: ${p.name} ${p.status === 'no-readable-record' ? 'has no readable record' : p.status === 'unreadable' ? 'could not be read' : 'was not read to its end'}${p.reason ? ` (${p.reason})` : ''}; what was read is imported, and importing it again skips it\n`,
    );
}

async function importInputs(
  inputs: string[],
  o: { simulation: string; format: string; timezone?: string; json?: boolean },
): Promise<void> {
  if (!FORMATS.includes(o.format as (typeof FORMATS)[number]))
    throw new InvalidArgument('format', `"${o.format}" is not one of ${FORMATS.join(', ')}`);
  const options = { format: o.format as InputFormat | 'auto', timezone: o.timezone };
  readContext(options); // a zone outside ±14:00 is refused before anything is read
  streamOf(o.simulation);
  for (const f of inputs)
    if (f !== '-' && !existsSync(f)) throw new InvalidArgument('file', `${f} does not exist`);
  const progress = progressReporter(inputs);
  const summary = await withApp((app) =>
    app.get(ImportService).import(o.simulation, inputs, { ...options, ...progress }),
  );
  progress.stop(summary);
  reportFiles(summary);
  if (o.json) console.log(JSON.stringify(summary, null, 2));
  else {
    const unknown =
      Object.entries(summary.unknown)
        .map(([id, n]) => `${id}×${n}`)
        .join(' ') || 'none';
    const findings = Object.entries(summary.findings)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    console.log(
      `imported into ${summary.simulation}: read ${summary.read}, mapped ${summary.mapped}, imported ${summary.imported}, unchanged ${summary.unchanged}, duplicates ${summary.duplicates}, skipped ${summary.skipped} (unknown event IDs: ${unknown}), malformed ${summary.malformed}; ${summary.events} events appended; ${summary.baselineFacts} baseline facts; findings: ${findings}`,
    );
  }
  process.exitCode = summary.exitCode;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import Windows Security logs (Winlogbeat 6/7/8, ECS, NXLog, Sentinel, Splunk, wevtutil XML, .evtx; zip, gz, tar, directories, - for standard input) into a simulation; exit 3 when an input has no readable record or was not read to its end',
    )
    .argument('<inputs...>', 'log files, archives or directories; - reads standard input')
    .requiredOption(
      '--simulation <id>',
      'the simulation (investigation) to import into; created on first use',
    )
    .option('--format <format>', FORMATS.join(' | '), 'auto')
    .option(
      '--timezone <zone>',
      'the zone of zone-less local times (NXLog EventTime): UTC, Z or ±HH:MM within ±14:00; without it, inferred per file from the records’ zoned ingest times',
    )
    .option('--json', 'print the summary as JSON')
    .action(reportErrors(importInputs));
}
