import type { Command } from 'commander';
import { InvalidArgument } from '@tokentrail/domain';
import { asOfFrom } from '@tokentrail/projections';
import {
  EXPORT_FORMATS,
  ExportService,
  formatItem,
  type ExportFormat,
  type ExportItem,
} from '@tokentrail/siem';
import {
  SECRET_VARIABLES,
  SinkWriter,
  createSink,
  defaultRuntime,
  parseSinkOptions,
  penSchema,
  secretsFromEnv,
  type SinkConfig,
  type SinkKind,
  type SinkOptions,
} from '@tokentrail/siem/export/sinks';
import { SimulationCatalog } from '@tokentrail/simulation';
import { Subject, concatMap, fromEvent, merge, takeUntil, type Observable } from 'rxjs';
import { SERVER_OPTION, serverOf, type ApiClient } from './api-client';
import { exportBundle } from './export-bundle';
import { reportErrors } from './report-errors';
import { withApp } from './with-app';

interface ExportOptions {
  format?: string;
  at?: string;
  findingsOnly?: boolean;
  follow?: boolean;
  sink?: string;
  url?: string;
  syslog?: string;
  webhook?: string;
  batchSize?: number;
  timeout?: number;
  attempts?: number;
  index?: string;
  pen?: number;
  caFile?: string;
  ackTimeout?: number;
  bundle?: string;
  apiUrl?: string;
}

/** What each sink sends. */
const SINK_FORMAT: Record<SinkKind, ExportFormat> = {
  splunk: 'ecs',
  elasticsearch: 'ecs',
  webhook: 'ecs',
  syslog: 'syslog',
};

/** The sink the flags name, its secrets from the environment; null for standard output. */
function sinkConfig(o: ExportOptions): SinkConfig | null {
  const named = [o.sink, o.syslog, o.webhook].filter(Boolean).length;
  if (named > 1) throw new InvalidArgument('sink', 'name one sink: --sink, --syslog or --webhook');
  const [kind, url] = o.syslog
    ? ['syslog', o.syslog]
    : o.webhook
      ? ['webhook', o.webhook]
      : [o.sink, o.url];
  if (!kind) {
    if (o.url) throw new InvalidArgument('url', '--url goes with --sink');
    return null;
  }
  const flags = {
    kind,
    url,
    batchSize: o.batchSize,
    timeoutMs: o.timeout,
    attempts: o.attempts,
    index: o.index,
    pen: o.pen,
    caFile: o.caFile,
    ackTimeoutMs: o.ackTimeout,
  };
  // Only the flags given: a flag the sink does not take is an error, not silently ignored.
  const given = Object.entries(flags).filter(([, v]) => v !== undefined);
  return parseSinkOptions({
    ...Object.fromEntries(given),
    ...secretsFromEnv(kind, process.env),
  } as SinkOptions);
}

function formatOf(o: ExportOptions, sink: SinkConfig | null): ExportFormat {
  if (sink) {
    if (o.format && o.format !== SINK_FORMAT[sink.kind])
      throw new InvalidArgument(
        'format',
        `the ${sink.kind} sink sends ${SINK_FORMAT[sink.kind]}, not ${o.format}: leave --format out`,
      );
    return SINK_FORMAT[sink.kind];
  }
  if (!o.format) throw new InvalidArgument('format', 'is required without a sink');
  if (!EXPORT_FORMATS.includes(o.format as ExportFormat))
    throw new InvalidArgument('format', `"${o.format}" is not one of ${EXPORT_FORMATS.join(', ')}`);
  return o.format as ExportFormat;
}

/** The PEN for syslog on standard output (a sink validates its own). */
function penFor(pen: number | undefined, format: ExportFormat): number | undefined {
  if (pen === undefined) return undefined;
  if (format !== 'syslog') throw new InvalidArgument('pen', 'goes with --format syslog');
  const parsed = penSchema.safeParse(pen);
  if (!parsed.success) throw new InvalidArgument('pen', parsed.error.issues[0].message);
  return parsed.data;
}

async function exportSimulation(simulation: string, o: ExportOptions): Promise<void> {
  const server = serverOf(o);
  if (o.bundle) {
    const others = Object.keys(o).filter((k) => k !== 'bundle' && k !== 'apiUrl');
    if (others.length > 0)
      throw new InvalidArgument(
        'bundle',
        `a bundle is the whole log as stored: leave --${others[0]} out`,
      );
    return exportBundle(simulation, o.bundle, server);
  }
  if (server) return exportFromServer(server, simulation, o);
  const config = sinkConfig(o);
  const format = formatOf(o, config);
  const pen = config ? undefined : penFor(o.pen, format);
  const at = o.at ? asOfFrom({ at: o.at }).at : undefined;
  await withApp(async (app) => {
    await app.get(SimulationCatalog).assertExists(simulation);
    let position: bigint | undefined;
    const exporter = app.get(ExportService);
    const items = exporter.items(simulation, {
      at,
      findingsOnly: o.findingsOnly,
      lastPosition: (p) => (position = p),
    });
    const live = o.follow ? () => exporter.follow(simulation, position) : null;
    if (config) await toSink(config, items, live);
    else await toStdout(items, (item) => formatItem(item, format, { pen }), live);
  });
}

/** The server's export, as it streams, to standard output (sinks and --follow are local). */
async function exportFromServer(server: ApiClient, simulation: string, o: ExportOptions) {
  if (o.sink || o.syslog || o.webhook || o.follow)
    throw new InvalidArgument('api-url', 'with --api-url, export writes to standard output only');
  const format = formatOf(o, null);
  const query = new URLSearchParams({ format });
  if (o.at) query.set('at', o.at);
  if (o.findingsOnly) query.set('findingsOnly', 'true');
  const res = await server.send(
    'GET',
    `simulations/${encodeURIComponent(simulation)}/export?${query.toString()}`,
  );
  for await (const chunk of res.body ?? []) process.stdout.write(chunk);
}

type Live = (() => Observable<ExportItem>) | null;

async function toStdout(
  items: AsyncIterable<ExportItem>,
  text: (item: ExportItem) => string | null,
  live: Live,
): Promise<void> {
  const print = (item: ExportItem) => {
    const line = text(item);
    if (line !== null) process.stdout.write(`${line}\n`);
  };
  for await (const item of items) print(item);
  if (live)
    await follow(live(), async (item) => {
      print(item);
      return true;
    });
}

/** Every item accounted for on standard error; exit status 1 when any was not delivered. */
async function toSink(
  config: SinkConfig,
  items: AsyncIterable<ExportItem>,
  live: Live,
): Promise<void> {
  const sink = createSink(config, {
    ...defaultRuntime,
    onRetry: (message) => process.stderr.write(`tokentrail: ${message}\n`),
  });
  const writer = new SinkWriter(sink, config.batchSize);
  try {
    await writer.writeAll(items);
    // Following a sink that failed would only report each new finding as lost.
    if (live && !writer.failure)
      await follow(live(), async (item) => {
        await writer.write([item]);
        return !writer.failure;
      });
  } finally {
    await sink.close();
  }
  for (const line of writer.summary.lines(sink.name)) process.stderr.write(`tokentrail: ${line}\n`);
  if (writer.summary.counts.undelivered > 0) process.exitCode = 1;
}

/**
 * Live out: each new token divergence as it is stored, until Ctrl-C or `handle` says stop. Items
 * already taken are still handled after Ctrl-C, so none is left neither delivered nor reported.
 */
function follow(
  live: Observable<ExportItem>,
  handle: (item: ExportItem) => Promise<boolean>,
): Promise<void> {
  process.stderr.write('following new findings (Ctrl-C to stop)\n');
  const stop = new Subject<void>();
  return new Promise<void>((resolve, reject) =>
    live
      .pipe(
        takeUntil(merge(fromEvent(process, 'SIGINT'), stop)),
        concatMap(async (item) => {
          if (!(await handle(item))) stop.next();
        }),
      )
      .subscribe({ complete: resolve, error: reject }),
  );
}

const number = (value: string) => Number(value);

export function registerExport(program: Command): void {
  const secrets = (kind: keyof typeof SECRET_VARIABLES) =>
    Object.values(SECRET_VARIABLES[kind]).join(', ');
  program
    .command('export')
    .description(
      "export a simulation's events and findings (stale artifacts, token divergences) as ECS, OCSF, CEF or RFC 5424 syslog, to standard output or a SIEM",
    )
    .argument('<simulation>', 'the simulation id')
    .option('--format <format>', `${EXPORT_FORMATS.join(' | ')} (standard output)`)
    .option('--at <time>', 'as of this ISO 8601 time (default: the last event)')
    .option('--findings-only', 'only findings, not the event log')
    .option(
      '--sink <kind>',
      `send to a SIEM instead of standard output: splunk (HTTP Event Collector, token in ${secrets('splunk')}) | elasticsearch (_bulk, also OpenSearch; ${secrets('elasticsearch')}) | syslog | webhook (signed with ${secrets('webhook')} when set)`,
    )
    .option(
      '--url <url>',
      "the sink's address: http(s)://… (splunk: the HEC's base URL; elasticsearch: the cluster's), udp|tcp|tls://host:port (syslog)",
    )
    .option('--syslog <url>', 'the same as --sink syslog --url <url>')
    .option('--webhook <url>', 'the same as --sink webhook --url <url>')
    .option('--batch-size <n>', 'items per request (default 100; the webhook posts one)', number)
    .option('--timeout <ms>', 'per request, connection or TLS handshake (default 10000)', number)
    .option('--attempts <n>', 'tries per request before giving up (default 5)', number)
    .option('--index <name>', 'splunk: the index; elasticsearch: the index (default tokentrail)')
    .option(
      '--pen <number>',
      'syslog: your IANA Private Enterprise Number, for structured data [tokentrail@PEN …] (without: the fields end the message text)',
      number,
    )
    .option('--ca-file <path>', 'syslog over TLS: CA certificate(s) to verify the collector with')
    .option('--ack-timeout <ms>', 'splunk: how long to wait for indexer acknowledgement', number)
    .option(
      '--bundle <file>',
      'write an evidence bundle instead: the events with their hashes as stored, their heads signed with TOKENTRAIL_SIGNING_KEY, the public key and its fingerprint (tokentrail verify --bundle checks it anywhere)',
    )
    .option(...SERVER_OPTION)
    .option(
      '--follow',
      'then keep going: export (or send) each new token divergence as it is stored, until Ctrl-C',
    )
    .action(reportErrors(exportSimulation));
}
