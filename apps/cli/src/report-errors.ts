import { DomainError } from '@tokentrail/domain';
import { InvalidConfiguration, StoreUnusable, StreamDeleted } from '@tokentrail/event-store';
import { describeStoreFault } from '@tokentrail/event-store/store-fault';
import { LogNotIntact } from '@tokentrail/event-store/log-not-intact.error';
import { NothingToResume, ScenarioInvalid, SimulationExists } from '@tokentrail/scenarios';
import { UnknownSimulation } from '@tokentrail/simulation';
import { ServerRefused, ServerUnreachable } from './api-client';

/** A user's mistake or an unusable store, in one line: exit 2. */
function isTyped(error: unknown): error is Error {
  return (
    error instanceof DomainError ||
    error instanceof UnknownSimulation ||
    error instanceof ScenarioInvalid ||
    error instanceof SimulationExists ||
    error instanceof NothingToResume ||
    error instanceof StreamDeleted ||
    error instanceof StoreUnusable ||
    error instanceof InvalidConfiguration ||
    error instanceof ServerUnreachable ||
    error instanceof ServerRefused
  );
}

/**
 * One line on standard error for every failure, never a stack trace: a user's mistake, a store
 * that cannot be used or a refusing server exit 2; a log that fails verification, a fault of the
 * store's disk, or anything unexpected exit 1 (TOKENTRAIL_DEBUG=1 adds the stack of the last).
 */
export function describeFailure(error: unknown, prefix = ''): { line: string; exitCode: number } {
  if (isTyped(error)) return { line: `${prefix}${error.message}`, exitCode: 2 };
  if (error instanceof LogNotIntact) return { line: error.message, exitCode: 1 };
  const fault = describeStoreFault(error);
  if (fault) return { line: fault, exitCode: 1 };
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (process.env.TOKENTRAIL_DEBUG && error instanceof Error) console.error(error.stack);
  return { line: `unexpected error: ${message}`, exitCode: 1 };
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
