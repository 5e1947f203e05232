import 'reflect-metadata';
import { Command } from 'commander';
import { InvalidConfiguration } from '@tokentrail/event-store';
import { registerQuery } from './query.command';
import { registerReplay } from './replay.command';
import { registerRun } from './run.command';
import { registerVerify } from './verify.command';

const program = new Command('tokentrail')
  .description('event-sourced simulation of how group-membership changes reach Windows credential artifacts')
  .version('0.1.0');

registerRun(program);
registerQuery(program);
registerReplay(program);
registerVerify(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Configuration and usage errors are one line on standard error; anything else is a bug worth a trace.
  if (error instanceof InvalidConfiguration) {
    console.error(`tokentrail: ${error.message}`);
    process.exit(2);
  }
  throw error;
});
