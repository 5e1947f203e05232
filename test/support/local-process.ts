import { createServer } from 'node:net';

/** A loopback port nothing listens on (taken and released). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * Waits for a condition that nothing but the awaited process can make true (no race: only how long
 * it takes).
 */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && done(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
