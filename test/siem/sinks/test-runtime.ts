import { defaultRuntime, type SinkRuntime } from '@tokentrail/siem/export/sinks';

/** The clock every test runtime shows: 2026-03-02T09:15:00Z. */
export const NOW = Date.parse('2026-03-02T09:15:00Z');

/**
 * The real network with time under the test's control: sleeps return at once and are recorded (the
 * delays asked for, not waited), the clock stands at NOW, the jitter is mid-range.
 */
export function testRuntime(overrides: Partial<SinkRuntime> = {}) {
  const sleeps: number[] = [];
  const retries: string[] = [];
  const runtime: SinkRuntime = {
    ...defaultRuntime,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => NOW,
    onRetry: (message) => retries.push(message),
    ...overrides,
  };
  return { runtime, sleeps, retries };
}
