import type { Command } from 'commander';
import { Projector, READ_MODEL, type ReadModel, type SimulationRow } from '@tokentrail/projections';
import { SERVER_OPTION, serverOf } from './api-client';
import { reportErrors } from './report-errors';

type Row = Pick<SimulationRow, 'id' | 'status' | 'events' | 'firstAt' | 'lastAt'>;
import { withApp } from './with-app';

export function registerList(program: Command): void {
  program
    .command('list')
    .description(
      'list the simulations: status (complete, or incomplete while a run has not finished), events, time span',
    )
    .option('--json', 'print them as JSON')
    .option(...SERVER_OPTION)
    .action(
      reportErrors(async (o: { json?: boolean; apiUrl?: string }) => {
        const server = serverOf(o);
        const rows: Row[] = server
          ? (await server.json<{ simulations: Row[] }>('GET', 'simulations')).simulations
          : await withApp(async (app) => {
              await app.get(Projector).settled();
              return app.get<ReadModel>(READ_MODEL).simulations();
            });
        const out = rows.map((r) => ({
          id: r.id,
          status: r.status,
          events: r.events,
          firstAt: r.firstAt,
          lastAt: r.lastAt,
        }));
        if (o.json) console.log(JSON.stringify(out, null, 2));
        else
          for (const r of out)
            console.log(`${r.id}  ${r.status}  ${r.events} events  ${r.firstAt} – ${r.lastAt}`);
      }),
    );
}
