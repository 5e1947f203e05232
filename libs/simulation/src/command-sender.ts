import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { DomainError, Envelope, SimCommand } from '@tokentrail/domain';
import { ExecuteCommands, type ExecuteOptions } from './execute-commands.command';
import type { CommandResult, TimedCommand } from './simulation';

/** Every writer (scenario runner, API, importer) sends its commands through the CommandBus here. */
@Injectable()
export class CommandSender {
  constructor(private readonly bus: CommandBus) {}

  /** One command: its stored events, or its refusal thrown. */
  async send(
    simulation: string,
    command: SimCommand,
    at: string,
    options: ExecuteOptions = {},
  ): Promise<Envelope[]> {
    const [result] = await this.batch(simulation, [{ command, at }], {
      ...options,
      refusals: 'fail',
    });
    return 'events' in result ? result.events : refused(result.refused);
  }

  batch(
    simulation: string,
    batch: readonly TimedCommand[],
    options: ExecuteOptions = {},
  ): Promise<CommandResult[]> {
    return this.bus.execute<ExecuteCommands, CommandResult[]>(
      new ExecuteCommands(simulation, batch, options),
    );
  }
}

function refused(error: DomainError): never {
  throw error;
}
