import 'reflect-metadata';
import { Command } from 'commander';
import { InvalidConfiguration } from '@tokentrail/event-store';
import { registerDelete } from './delete.command';
import { registerExport } from './export.command';
import { registerImport } from './import.command';
import { registerList } from './list.command';
import { registerQuery } from './query.command';
import { registerReplay } from './replay.command';
import { registerRun } from './run.command';
import { registerSchema } from './schema.command';
import { registerVerify } from './verify.command';

// `tokentrail export … | head`: a closed pipe ends the output, not the program with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('tokentrail')
  .description(
    'event-sourced simulation of how group-membership changes reach Windows credential artifacts',
  )
  .version('0.1.0');

registerRun(program);
registerQuery(program);
registerReplay(program);
registerImport(program);
registerExport(program);
registerVerify(program);
registerList(program);
registerDelete(program);
registerSchema(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Configuration and usage errors are one line on standard error; anything else is a bug worth a
  // trace.
  if (error instanceof InvalidConfiguration) {
    console.error(`tokentrail: ${error.message}`);
    process.exit(2);
  }
  throw error;
});
