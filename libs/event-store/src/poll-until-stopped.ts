import type { Observable, TeardownLogic } from 'rxjs';

/**
 * Runs `step` now, then again whenever `wake` emits or `intervalMs` passes, until unsubscribed.
 * `step` returns true to be run again at once (more data is waiting).
 */
export function pollUntilStopped(
  wake: Observable<void>,
  intervalMs: number,
  step: () => boolean,
  onError: (error: unknown) => void,
): TeardownLogic {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    if (stopped) return;
    clearTimeout(timer);
    try {
      while (!stopped && step());
    } catch (error) {
      stopped = true;
      onError(error);
      return;
    }
    if (!stopped) timer = setTimeout(run, intervalMs);
  };
  const woken = wake.subscribe(() => setImmediate(run));
  setImmediate(run);
  return () => {
    stopped = true;
    clearTimeout(timer);
    woken.unsubscribe();
  };
}
