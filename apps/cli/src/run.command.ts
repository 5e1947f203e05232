import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import {
  ScenarioInvalid,
  ScenarioRunner,
  parseScenarioText,
  planScenario,
  type RunOutput,
} from '@tokentrail/scenarios';
import { SERVER_OPTION, serverOf } from './api-client';
import { EXIT } from './exit-codes';
import { printTable } from './print-results';
import { progress } from './progress';
import { reportErrors } from './report-errors';
import { withApp } from './with-app';

/** A fresh simulation id from the file's name: the same file run twice lands in two simulations. */
function freshSimulationId(file: string): string {
  const stem =
    basename(file, extname(file))
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 60) || 'scenario';
  return `${stem}-${randomUUID().slice(0, 8)}`;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioInvalid(
      '',
      `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/**
 * A test hook (TOKENTRAIL_RUN_HALT_AFTER=N): the run stops after its first N commands are stored
 * and waits to be killed, so a test decides when a run is interrupted instead of racing it.
 */
const haltAfter = Number(process.env.TOKENTRAIL_RUN_HALT_AFTER ?? Infinity);

async function run(
  file: string,
  options: { json?: boolean; simulation?: string; resume?: boolean; apiUrl?: string },
): Promise<void> {
  if (options.resume && !options.simulation)
    throw new ScenarioInvalid(
      '',
      '--resume needs --simulation ID: the simulation whose run was interrupted',
    );
  const text = read(file);
  const plan = planScenario(parseScenarioText(text));
  const simulation = options.simulation ?? freshSimulationId(file);
  const server = serverOf(options);
  if (server) {
    if (options.resume)
      throw new ScenarioInvalid('', '--resume runs against the store, not a server');
    const out = await server.json<RunOutput>(
      'POST',
      `simulations?id=${encodeURIComponent(simulation)}`,
      {
        text,
        type: 'text/yaml',
      },
    );
    return report(out, simulation, options.json);
  }
  // Long scenarios show their progress on standard error.
  const total = plan.commands.length;
  const shown =
    total >= 1000
      ? progress({
          total,
          payload: {},
          format: 'running |{bar}| {value}/{total} commands | {eta_formatted} left',
          line: (done) => `${done}/${total} commands`,
        })
      : null;
  const onProgress = async (done: number) => {
    shown?.update(done, {});
    if (done >= haltAfter && done < total) {
      process.stderr.write(`halted after ${done} commands (TOKENTRAIL_RUN_HALT_AFTER)\n`);
      await new Promise<never>(() => undefined);
    }
  };
  const out = await withApp((app) =>
    app.get(ScenarioRunner).run(plan, { simulation, resume: options.resume, onProgress }),
  );
  shown?.stop();
  report(out, simulation, options.json);
}

function report(out: RunOutput, simulation: string, json?: boolean): void {
  console.log(json ? JSON.stringify(out, null, 2) : printTable(out));
  console.error(`simulation: ${simulation}`);
  process.exitCode = out.failed > 0 ? EXIT.expectationFailed : EXIT.ok;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      'run a scenario file (YAML or JSON) into a new simulation and print the results; exit 0 all pass, 1 an expectation failed, 2 invalid file',
    )
    .argument('<file>', 'the scenario file')
    .option('--json', 'print the results as JSON (SCENARIOS.md)')
    .option(
      '--simulation <id>',
      'the simulation to create (default: the file name and a random suffix)',
    )
    .option(...SERVER_OPTION)
    .option(
      '--resume',
      'finish the interrupted run of this file in --simulation ID (to the log an uninterrupted run writes)',
    )
    .action(reportErrors(run, (file) => `${file}: `));
}
