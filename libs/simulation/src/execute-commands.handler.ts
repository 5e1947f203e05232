import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, WrongExpectedRevision, type EventStore } from '@tokentrail/event-store';
import { APPEND_OBSERVER, type AppendObserver } from './append-observer';
import { ExecuteCommands } from './execute-commands.command';
import { toNewEvent, type CommandResult, type Simulation } from './simulation';
import { streamOf } from '@tokentrail/domain';
import { SimulationRepository } from './simulation.repository';

/** How often a batch is decided again after other writers moved the simulation, at most. */
const ATTEMPTS = 8;
/** Events of one append at most (EventStoreDB refuses appends over 1 MiB by default). */
const APPEND_BYTES = 512 * 1024;

/**
 * Decides a batch against the simulation as loaded and appends its events with that version as
 * the expected revision, in appends of whole commands. When another writer got there first, the
 * commands not yet stored are decided again against the simulation as it now is, so no answer is
 * ever stored from a stale world. Commands of one simulation run one at a time in this process.
 */
@CommandHandler(ExecuteCommands)
export class ExecuteCommandsHandler implements ICommandHandler<ExecuteCommands, CommandResult[]> {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repository: SimulationRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(APPEND_OBSERVER) private readonly observer?: AppendObserver,
  ) {}

  execute(command: ExecuteCommands): Promise<CommandResult[]> {
    const previous = this.queues.get(command.simulation) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.run(command));
    this.queues.set(command.simulation, run);
    const settled = () => {
      if (this.queues.get(command.simulation) === run) this.queues.delete(command.simulation);
    };
    run.then(settled, settled);
    return run;
  }

  private async run({ simulation, batch, options }: ExecuteCommands): Promise<CommandResult[]> {
    const stream = streamOf(simulation);
    const results: CommandResult[] = [];
    let remaining = batch;
    for (let attempt = 1; remaining.length > 0; attempt++) {
      const sim = await this.repository.load(simulation);
      const version = sim.revision;
      let decided: CommandResult[];
      try {
        decided = sim.decide(remaining, options.correlationId ?? null, options.refusals ?? 'fail');
      } catch (error) {
        this.repository.forget(simulation); // a batch refused half-way left this copy changed
        throw error;
      }
      const stored = await this.append(stream, sim, version, decided).catch((error: unknown) => {
        this.repository.forget(simulation);
        if (!(error instanceof Conflict) || attempt >= ATTEMPTS)
          throw error instanceof Conflict ? error.cause : error;
        return error.stored;
      });
      results.push(...decided.slice(0, stored));
      remaining = remaining.slice(stored);
    }
    return results;
  }

  /**
   * Appends whole commands, in appends of bounded size, after `version`; says how many commands
   * were stored.
   */
  private async append(
    stream: string,
    sim: Simulation,
    version: bigint | null,
    decided: CommandResult[],
  ): Promise<number> {
    let expected = version;
    let chunk: ReturnType<typeof toNewEvent>[] = [];
    let bytes = 0;
    let stored = 0;
    let pending = 0;
    const flush = async () => {
      if (chunk.length > 0) {
        try {
          const started = process.hrtime.bigint();
          const result = await this.store.append(stream, chunk, {
            expectedRevision: expected ?? 'no_stream',
          });
          this.observer?.appended({
            commands: pending,
            events: chunk.length,
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
          });
          expected = result.nextRevision;
          sim.world.lastGlobalPosition = result.position;
        } catch (error) {
          if (error instanceof WrongExpectedRevision) throw new Conflict(stored, error);
          throw error;
        }
      }
      stored += pending;
      pending = 0;
      chunk = [];
      bytes = 0;
    };
    for (const [i, r] of decided.entries()) {
      const events = 'events' in r ? r.events.map(toNewEvent) : [];
      const size = events.reduce((n, e) => n + e.dataText.length + 200, 0);
      if (bytes > 0 && bytes + size > APPEND_BYTES) await flush();
      chunk.push(...events);
      bytes += size;
      pending += 1;
      if (i === decided.length - 1) await flush();
    }
    return stored;
  }
}

/** Another writer moved the simulation after `stored` commands of the batch were stored. */
class Conflict extends Error {
  constructor(
    readonly stored: number,
    override readonly cause: WrongExpectedRevision,
  ) {
    super(cause.message);
  }
}
