import { DomainError } from '@tokentrail/domain';
import {
  InvalidConfiguration,
  StoreUnusable,
  StreamDeleted,
  UnusableFile,
} from '@tokentrail/event-store';
import { describeStoreFault } from '@tokentrail/event-store/store-fault';
import { LogNotIntact } from '@tokentrail/event-store/log-not-intact.error';
import { NothingToResume, ScenarioInvalid, SimulationExists } from '@tokentrail/scenarios';
import { UnknownSimulation } from '@tokentrail/simulation';
import { ServerRefused, ServerUnreachable } from './api-client';
import { EXIT } from './exit-codes';

/** A user's mistake, in one line: exit 2. */
function isUsage(error: unknown): error is Error {
  return (
    error instanceof DomainError ||
    error instanceof UnknownSimulation ||
    error instanceof ScenarioInvalid ||
    error instanceof SimulationExists ||
    error instanceof NothingToResume ||
    error instanceof StreamDeleted ||
    error instanceof InvalidConfiguration ||
    error instanceof UnusableFile ||
    error instanceof ServerRefused
  );
}

/**
 * One line on standard error for every failure, never a stack trace, with the exit code of its
 * kind (EXIT): a user's mistake 2; a store that cannot be used or reached, or a fault of its disk,
 * 4; a log that fails verification 1; anything unexpected 70 (TOKENTRAIL_DEBUG=1 adds its stack).
 */
export function describeFailure(error: unknown, prefix = ''): { line: string; exitCode: number } {
  if (isUsage(error)) return { line: `${prefix}${error.message}`, exitCode: EXIT.usage };
  if (error instanceof StoreUnusable || error instanceof ServerUnreachable)
    return { line: `${prefix}${error.message}`, exitCode: EXIT.storeUnavailable };
  if (error instanceof LogNotIntact)
    return { line: error.message, exitCode: EXIT.expectationFailed };
  const fault = describeStoreFault(error);
  if (fault) return { line: fault, exitCode: EXIT.storeUnavailable };
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (process.env.TOKENTRAIL_DEBUG && error instanceof Error) console.error(error.stack);
  return { line: `unexpected error (a bug: please report it): ${message}`, exitCode: EXIT.bug };
}

/** Runs a command's action with every failure reported by describeFailure. */
export function reportErrors<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
  prefix: (...args: A) => string = () => '',
) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (error) {
      const { line, exitCode } = describeFailure(error, prefix(...args));
      console.error(`tokentrail: ${line}`);
      process.exitCode = exitCode;
    }
  };
}
