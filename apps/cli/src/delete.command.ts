import type { Command } from 'commander';
import { SimulationCatalog } from '@tokentrail/simulation';
import { SERVER_OPTION, serverOf } from './api-client';
import { reportErrors } from './report-errors';
import { withApp } from './with-app';

export function registerDelete(program: Command): void {
  program
    .command('delete')
    .description(
      'delete a simulation: its log and runs go, the store records the deletion, and the id is not used again',
    )
    .argument('<simulation>', 'the simulation id')
    .option(...SERVER_OPTION)
    .action(
      reportErrors(async (simulation: string, o: { apiUrl?: string }) => {
        const server = serverOf(o);
        const { events } = server
          ? await server.json<{ events: number }>(
              'DELETE',
              `simulations/${encodeURIComponent(simulation)}`,
            )
          : await withApp((app) => app.get(SimulationCatalog).delete(simulation));
        console.log(`deleted ${simulation} (${events} events)`);
      }),
    );
}
