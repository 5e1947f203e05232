import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerDelete } from './delete.command';
import { registerExport } from './export.command';
import { registerImport } from './import.command';
import { registerKeys } from './keys.command';
import { registerList } from './list.command';
import { registerQuery } from './query.command';
import { registerReplay } from './replay.command';
import { EXIT } from './exit-codes';
import { describeFailure } from './report-errors';
import { registerRun } from './run.command';
import { registerSchema } from './schema.command';
import { registerSeal } from './seal.command';
import { TOOL } from './tool';
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
  .version(TOOL.version);

registerRun(program);
registerQuery(program);
registerReplay(program);
registerImport(program);
registerExport(program);
registerVerify(program);
registerSeal(program);
registerKeys(program);
registerList(program);
registerDelete(program);
registerSchema(program);

// Commander's own refusals (an unknown option or command, a missing argument) are usage: exit 2,
// not 1, which means an expectation failed. Help and version exit 0.
const overrideExits = (command: Command): void => {
  command.exitOverride();
  command.commands.forEach(overrideExits);
};
overrideExits(program);
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  // Whatever escaped a command is still one line on standard error, never a stack trace.
  const { line, exitCode } = describeFailure(error);
  console.error(`tokentrail: ${line}`);
  process.exit(exitCode);
});
