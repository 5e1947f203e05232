/**
 * Told of every append of commands the write side makes (the API's metrics listen); optional, so
 * the CLI and tests run without one.
 */
export interface AppendObserver {
  appended(append: { commands: number; events: number; seconds: number }): void;
}

/** Nest injection token of the AppendObserver, when the application provides one. */
export const APPEND_OBSERVER = Symbol('APPEND_OBSERVER');
