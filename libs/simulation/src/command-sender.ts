import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { SimCommand } from '@tokentrail/domain';
import { COMMAND_OF } from './commands';
import type { CommandMeta, SimulationCommand } from './simulation-command';
import type { CommandOutcome } from './simulation.service';

/** Every writer (scenario runner, API, importer, remediation forks) sends its commands through the CommandBus here. */
@Injectable()
export class CommandSender {
  constructor(private readonly bus: CommandBus) {}

  send(
    simulation: string,
    command: SimCommand,
    at: string,
    meta: CommandMeta = {},
  ): Promise<CommandOutcome> {
    const Command = COMMAND_OF[command.verb] as new (
      simulation: string,
      at: string,
      args: unknown,
      meta?: CommandMeta,
    ) => SimulationCommand;
    return this.bus.execute<SimulationCommand, CommandOutcome>(
      new Command(simulation, at, command.args, meta),
    );
  }
}
