import type { CommandArgs, SimCommand, Verb } from '@tokentrail/domain';

/** Who asked: correlates every event of one scenario run, API call or import. */
export interface CommandMeta {
  correlationId?: string;
}

/** The base of every command class: a verb of SCENARIOS.md, its arguments, the simulation and the moment. */
export abstract class SimulationCommand<V extends Verb = Verb> {
  abstract readonly verb: V;

  constructor(
    readonly simulation: string,
    /** ISO 8601: when it happens in the simulated world. */
    readonly at: string,
    readonly args: CommandArgs[V],
    readonly meta: CommandMeta = {},
  ) {}

  toDomain(): SimCommand {
    return { verb: this.verb, args: this.args } as SimCommand;
  }
}
