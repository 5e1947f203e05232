import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgument, streamOf } from '@tokentrail/domain';
import { ImportService, sourcesOf, type InputFormat, type LineSource } from '@tokentrail/siem';
import { reportErrors } from './report-errors';
import { withApp } from './with-app';

const FORMATS = ['auto', 'winlogbeat', 'ecs', 'evtx-xml', 'otrf'] as const;

async function* all(files: string[]): AsyncIterable<LineSource> {
  for (const f of files) yield* sourcesOf(f);
}

async function importFiles(
  files: string[],
  o: { simulation: string; format: string; timezone: string; json?: boolean },
): Promise<void> {
  if (!FORMATS.includes(o.format as (typeof FORMATS)[number]))
    throw new InvalidArgument('format', `"${o.format}" is not one of ${FORMATS.join(', ')}`);
  if (o.timezone !== 'UTC' && !/^[+-]\d{2}:\d{2}$/.test(o.timezone))
    throw new InvalidArgument('timezone', `"${o.timezone}" is not UTC or ±HH:MM`);
  streamOf(o.simulation);
  for (const f of files)
    if (!existsSync(f)) throw new InvalidArgument('file', `${f} does not exist`);
  const summary = await withApp((app) =>
    app.get(ImportService).import(o.simulation, all(files), {
      format: o.format as InputFormat | 'auto',
      zone: o.timezone,
      onProgress: (p) =>
        process.stderr.write(
          `read ${p.read}, imported ${p.imported}, skipped ${p.skipped}, malformed ${p.malformed}, ${p.ratePerSecond} events/s\n`,
        ),
    }),
  );
  for (const m of summary.malformedLines)
    process.stderr.write(`${m.file}:${m.line}: ${m.reason}\n`);
  if (summary.otrfZone)
    process.stderr.write(
      `OTRF EventTime (local time without a zone) was read as ${summary.otrfZone}; --timezone changes it\n`,
    );
  if (o.json) console.log(JSON.stringify(summary, null, 2));
  else {
    console.log(
      `imported into ${summary.simulation}: read ${summary.read}, imported ${summary.imported}, duplicates ${summary.duplicates}, skipped ${summary.skipped} (unknown event IDs: ${
        Object.entries(summary.unknown)
          .map(([id, n]) => `${id}×${n}`)
          .join(' ') || 'none'
      }), malformed ${summary.malformed}; ${summary.events} events appended, ${summary.divergences} token divergences`,
    );
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import Windows Security event logs (Winlogbeat/ECS JSON, OTRF JSON, wevtutil XML; .gz and .zip read directly) into a simulation',
    )
    .argument('<files...>', 'the log files')
    .requiredOption(
      '--simulation <id>',
      'the simulation (investigation) to import into; created on first use',
    )
    .option('--format <format>', FORMATS.join(' | '), 'auto')
    .option(
      '--timezone <zone>',
      'the zone of OTRF EventTime (local time without a zone): UTC or ±HH:MM',
      'UTC',
    )
    .option('--json', 'print the summary as JSON')
    .action(reportErrors(importFiles));
}
