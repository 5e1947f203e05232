import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import {
  InvalidArgument,
  decode,
  streamOf,
  type DataOf,
  type Envelope,
  type RecordRef,
} from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import {
  Projector,
  READ_MODEL,
  asOfFrom,
  type ArtifactRow,
  type ReadModel,
} from '@tokentrail/projections';
import { SimulationCatalog } from '@tokentrail/simulation';
import { reportErrors } from './report-errors';
import { colors } from './style';
import { withApp } from './with-app';

interface Change {
  at: string;
  position: number;
  line: string;
}

/** The timeline: every artifact's birth and end, in time order (ends by expiry at the expiry). */
function timeline(
  rows: ArtifactRow[],
  until: string | undefined,
  eventType: (eventId: string) => string,
): Change[] {
  const changes: Change[] = [];
  for (const a of rows) {
    if (until && a.fromAt > until) continue;
    changes.push({
      at: a.fromAt,
      position: a.fromPosition,
      line: `+ ${a.kind} ${a.id} (${a.principal}) ${a.groups.join(', ') || '(no groups)'}`,
    });
    if (a.toAt && (!until || a.toAt <= until))
      changes.push({
        at: a.toAt,
        position: a.toPosition ?? a.fromPosition,
        line: `- ${a.kind} ${a.id} ${a.endedBy ? `ended by ${eventType(a.endedBy)} (event ${a.toPosition})` : 'expired'}`,
      });
  }
  return changes.sort((x, y) => x.at.localeCompare(y.at) || x.position - y.position);
}

const where = (r: RecordRef | undefined) =>
  r ? ` [${r.computer}/${r.channel}#${r.recordId ?? '-'}]` : '';

type Shown =
  | 'LogonObserved'
  | 'TokenGroupsObserved'
  | 'LogoffObserved'
  | 'TicketObserved'
  | 'BaselineMembershipObserved'
  | 'TokenDivergenceFound';

/**
 * What a log showed, as a line of the timeline: logons, tokens, tickets, logoffs, baseline facts
 * and findings.
 */
const LINES: { [T in Shown]: (d: DataOf<T>) => string } = {
  LogonObserved: (d) =>
    `~ logon ${d.machine}/${d.logonId} of ${d.user}, type ${d.logonType} ${d.authPackage}: token expected from ${d.expectedSource}${where(d.record)}`,
  TokenGroupsObserved: (d) =>
    `~ token ${d.machine}/${d.logonId} of ${d.user}: ${d.sids.length} SIDs${where(d.record)}`,
  LogoffObserved: (d) => `~ logoff ${d.machine}/${d.logonId}${where(d.record)}`,
  TicketObserved: (d) => {
    const what =
      d.ticket === 'tgt'
        ? 'TGT'
        : d.ticket === 'service'
          ? `ticket for ${d.service ?? '?'}`
          : 'TGT renewal';
    const refused = /^(0x0+|0)?$/.test(d.status) ? '' : ` refused (${d.status})`;
    return `~ ${what} of ${d.user} on ${d.machine}${refused}${where(d.record)}`;
  },
  BaselineMembershipObserved: (d) =>
    `~ baseline ${d.member} in ${d.group}: held since before the log, seen in ${d.machine}/${d.logonId}${where(d.record)}`,
  TokenDivergenceFound: (d) => {
    const groups = d.groups.map((g) => g.name ?? g.sid).join(', ');
    return `! ${d.finding} ${d.user} ${d.machine}/${d.logonId} ${d.carried ? 'still carries' : 'lacks'} ${groups}${d.explainedBy ? ` (${d.explainedBy.rule})` : ''}${where(d.record)}`;
  },
};

function observationLine(e: Envelope): string | null {
  const line = LINES[e.event.type as Shown] as ((d: unknown) => string) | undefined;
  return line ? line(e.event.data) : null;
}

/**
 * The imported observations, read from the simulation's log: the read model's event index keeps
 * what lineage needs of each event (type, cause, copied groups), not the facts a log showed.
 */
async function observations(
  store: EventStore,
  simulation: string,
  until: string | undefined,
): Promise<Change[]> {
  const out: Change[] = [];
  for await (const stored of store.readStream(streamOf(simulation))) {
    if (!(stored.type in LINES)) continue;
    const e = decode(stored);
    if (until && e.occurredAt > until) continue;
    const line = observationLine(e);
    if (line) out.push({ at: e.occurredAt, position: e.position, line });
  }
  return out;
}

/** An artifact's life as a row: what `--json` and `--format csv` give timeline tools. */
function interval(a: ArtifactRow, eventType: (eventId: string) => string) {
  return {
    kind: a.kind,
    id: a.id,
    principal: a.principal,
    machine: a.machine,
    groups: a.groups,
    from: a.fromAt,
    to: a.toAt,
    fromPosition: a.fromPosition,
    toPosition: a.toPosition,
    cause: { type: eventType(a.sourceEvent), eventId: a.sourceEvent },
    end: a.toAt
      ? a.endedBy
        ? { type: eventType(a.endedBy), eventId: a.endedBy }
        : 'expired'
      : null,
  };
}

/** A change line on a terminal: births green, ends red, what logs showed dim, findings yellow. */
const paint = (line: string) =>
  line.startsWith('+')
    ? colors.green(line)
    : line.startsWith('-')
      ? colors.red(line)
      : line.startsWith('!')
        ? colors.yellow(line)
        : colors.dim(line);

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      'print the timeline of a simulation: artifact changes, and what imported logs showed (logons, tokens, tickets, baseline facts, findings), from the projections',
    )
    .argument('<simulation>', 'the simulation id')
    .option('--until <time>', 'stop at this ISO 8601 time')
    .option(
      '--json',
      'print the artifacts (kind, id, principal, groups, from, to, cause, end) and observations as JSON',
    )
    .option('--format <format>', 'text, json or csv (csv: one artifact interval per row)', 'text')
    .action(
      reportErrors(
        async (simulation: string, o: { until?: string; json?: boolean; format: string }) => {
          const format = o.json ? 'json' : o.format;
          if (!['text', 'json', 'csv'].includes(format))
            throw new InvalidArgument('format', `"${format}" is not one of text, json, csv`);
          const until = o.until ? asOfFrom({ at: o.until }).at : undefined;
          const { rows, observed, eventType } = await withApp(async (app) => {
            await app.get(SimulationCatalog).assertExists(simulation);
            await app.get(Projector).settled();
            const readModel = app.get<ReadModel>(READ_MODEL);
            const sim = readModel.simulation(simulation)?.sim;
            const artifacts = readModel
              .artifacts(simulation)
              .filter((a) => !until || a.fromAt <= until);
            // Every event type the timeline names, read while the read model is open.
            const types = new Map<string, string>();
            for (const id of artifacts.flatMap((a) => [a.sourceEvent, a.endedBy ?? []].flat()))
              types.set(id, (sim === undefined ? undefined : readModel.link(sim, id)?.type) ?? id);
            return {
              rows: artifacts,
              observed: await observations(app.get<EventStore>(EVENT_STORE), simulation, until),
              eventType: (id: string) => types.get(id) ?? id,
            };
          });
          if (format === 'json') {
            const artifacts = rows.map((a) => interval(a, eventType));
            return console.log(
              JSON.stringify(
                { simulation, until: until ?? null, artifacts, observations: observed },
                null,
                2,
              ),
            );
          }
          if (format === 'csv') {
            const records = rows.map((a) => {
              const i = interval(a, eventType);
              return {
                ...i,
                groups: i.groups.join(';'),
                cause: i.cause.type,
                causeEvent: i.cause.eventId,
                end: typeof i.end === 'object' && i.end ? i.end.type : (i.end ?? ''),
              };
            });
            process.stdout.write(stringify(records, { header: true }));
            return;
          }
          const changes = [...timeline(rows, until, eventType), ...observed].sort(
            (x, y) => x.at.localeCompare(y.at) || x.position - y.position,
          );
          console.log(changes.map((c) => `${c.at}  ${paint(c.line)}`).join('\n'));
        },
      ),
    );
}
