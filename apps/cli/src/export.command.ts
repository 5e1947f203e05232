import type { Command } from 'commander';
import { InvalidArgument } from '@tokentrail/domain';
import { asOfFrom } from '@tokentrail/projections';
import {
  EXPORT_FORMATS,
  ExportService,
  formatItem,
  postWebhook,
  sendSyslogTcp,
  toEcs,
  type ExportFormat,
  type ExportItem,
} from '@tokentrail/siem';
import { concatMap } from 'rxjs';
import { SimulationService } from '@tokentrail/simulation';
import { reportErrors } from './report-errors';
import { withApp } from './with-app';

interface ExportOptions {
  follow?: boolean;
  format: string;
  at?: string;
  findingsOnly?: boolean;
  syslog?: string;
  webhook?: string;
}

async function exportSimulation(simulation: string, o: ExportOptions): Promise<void> {
  if (!EXPORT_FORMATS.includes(o.format as ExportFormat))
    throw new InvalidArgument('format', `"${o.format}" is not one of ${EXPORT_FORMATS.join(', ')}`);
  const format = o.format as ExportFormat;
  if (o.syslog && format !== 'syslog')
    throw new InvalidArgument(
      'syslog',
      '--syslog sends RFC 5424 messages: use it with --format syslog',
    );
  const at = o.at ? asOfFrom({ at: o.at }).at : undefined;
  await withApp(async (app) => {
    await app.get(SimulationService).assertExists(simulation);
    let position: bigint | undefined;
    const exporter = app.get(ExportService);
    const items = exporter.items(simulation, {
      at,
      findingsOnly: o.findingsOnly,
      lastPosition: (p) => (position = p),
    });
    const deliver = async (item: ExportItem) => {
      if (o.webhook && item.kind === 'finding')
        await postWebhook(o.webhook, item.finding.id, toEcs(item));
    };
    async function* lines() {
      for await (const item of items) {
        await deliver(item);
        const text = formatItem(item, format);
        if (text !== null) yield text;
      }
    }
    if (o.syslog) {
      const sent = await sendSyslogTcp(o.syslog, lines());
      process.stderr.write(`sent ${sent} syslog messages to ${o.syslog}\n`);
    } else {
      for await (const text of lines()) process.stdout.write(`${text}\n`);
    }
    if (!o.follow) return;
    // Live out: new findings as they are stored, until interrupted.
    process.stderr.write('following new findings (Ctrl-C to stop)\n');
    await new Promise<void>((resolve, reject) => {
      const sub = exporter
        .follow(simulation, position)
        .pipe(
          concatMap(async (item) => {
            await deliver(item);
            const text = formatItem(item, format);
            if (text !== null) process.stdout.write(`${text}\n`);
          }),
        )
        .subscribe({ error: reject });
      process.once('SIGINT', () => {
        sub.unsubscribe();
        resolve();
      });
    });
  });
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      "export a simulation's events and findings (stale artifacts, token divergences) as ECS, OCSF, CEF or RFC 5424 syslog",
    )
    .argument('<simulation>', 'the simulation id')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(' | '))
    .option('--at <time>', 'as of this ISO 8601 time (default: the last event)')
    .option('--findings-only', 'only findings, not the event log')
    .option(
      '--syslog <url>',
      'send to tcp://host:port (octet-counted framing) instead of standard output',
    )
    .option(
      '--webhook <url>',
      'also POST each finding (ECS JSON, Idempotency-Key header, retried with back-off)',
    )
    .option(
      '--follow',
      'then keep going: export (and POST) each new token divergence as it is stored',
    )
    .action(reportErrors(exportSimulation));
}
