import type { Command } from 'commander';
import {
  Projector,
  READ_MODEL,
  asOfFrom,
  type ArtifactRow,
  type ReadModel,
} from '@tokentrail/projections';
import { SimulationCatalog } from '@tokentrail/simulation';
import { reportErrors } from './report-errors';
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

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('print the timeline of artifact changes of a simulation (from the projections)')
    .argument('<simulation>', 'the simulation id')
    .option('--until <time>', 'stop at this ISO 8601 time')
    .option('--json', 'print the changes as JSON')
    .action(
      reportErrors(async (simulation: string, o: { until?: string; json?: boolean }) => {
        const until = o.until ? asOfFrom({ at: o.until }).at : undefined;
        const changes = await withApp(async (app) => {
          await app.get(SimulationCatalog).assertExists(simulation);
          await app.get(Projector).settled();
          const readModel = app.get<ReadModel>(READ_MODEL);
          const sim = readModel.simulation(simulation)?.sim;
          return timeline(
            readModel.artifacts(simulation),
            until,
            (id) => (sim === undefined ? undefined : readModel.link(sim, id)?.type) ?? id,
          );
        });
        console.log(
          o.json
            ? JSON.stringify(changes, null, 2)
            : changes.map((c) => `${c.at}  ${c.line}`).join('\n'),
        );
      }),
    );
}
