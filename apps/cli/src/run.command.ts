import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { ScenarioInvalid, ScenarioRunner, SimulationExists, parseScenarioText, planScenario } from '@tokentrail/scenarios';
import { printTable } from './print-results';
import { withApp } from './with-app';

/** A fresh simulation id from the file's name: the same file run twice lands in two simulations. */
function freshSimulationId(file: string): string {
  const stem = basename(file, extname(file)).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 60) || 'scenario';
  return `${stem}-${randomUUID().slice(0, 8)}`;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a scenario file (YAML or JSON) into a new simulation and print the results; exit 0 all pass, 1 a failure, 2 invalid file')
    .argument('<file>', 'the scenario file')
    .option('--json', 'print the results as JSON (SCENARIOS.md)')
    .option('--simulation <id>', 'the simulation to create (default: the file name and a random suffix)')
    .action(async (file: string, options: { json?: boolean; simulation?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        console.error(`tokentrail: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const simulation = options.simulation ?? freshSimulationId(file);
      try {
        const plan = planScenario(parseScenarioText(text));
        const out = await withApp((app) => app.get(ScenarioRunner).run(plan, { simulation }));
        console.log(options.json ? JSON.stringify(out, null, 2) : printTable(out));
        console.error(`simulation: ${simulation}`);
        process.exitCode = out.failed > 0 ? 1 : 0;
      } catch (error) {
        if (error instanceof ScenarioInvalid || error instanceof SimulationExists) {
          console.error(`tokentrail: ${file}: ${error.message}`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}
