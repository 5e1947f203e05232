import { DomainError } from '@tokentrail/domain';
import { InvalidConfiguration, StoreUnusable, StreamDeleted } from '@tokentrail/event-store';
import { NothingToResume, ScenarioInvalid, SimulationExists } from '@tokentrail/scenarios';
import { UnknownSimulation } from '@tokentrail/simulation';

/**
 * A user's mistake (bad input, unknown names, bad configuration): one line on standard error and
 * exit 2.
 */
export function reportErrors<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
  prefix: (...args: A) => string = () => '',
) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (error) {
      if (
        error instanceof DomainError ||
        error instanceof UnknownSimulation ||
        error instanceof ScenarioInvalid ||
        error instanceof SimulationExists ||
        error instanceof NothingToResume ||
        error instanceof StreamDeleted ||
        error instanceof StoreUnusable ||
        error instanceof InvalidConfiguration
      ) {
        console.error(`tokentrail: ${prefix(...args)}${error.message}`);
        process.exitCode = 2;
        return;
      }
      throw error;
    }
  };
}
