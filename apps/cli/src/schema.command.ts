import type { Command } from 'commander';
import { scenarioJsonSchema } from '@tokentrail/scenarios';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description(
      'print the JSON Schema of scenario files (an editor checks a file whose $schema names it)',
    )
    .action(() => console.log(JSON.stringify(scenarioJsonSchema(), null, 2)));
}
