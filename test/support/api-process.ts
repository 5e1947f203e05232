import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** The checkout: the nearest folder with a package.json (this file also runs from dist/). */
function checkout(dir = __dirname): string {
  return existsSync(join(dir, 'package.json')) ? dir : checkout(dirname(dir));
}

/** The built API (npm run build): what `npm start` runs. */
export const API_MAIN = join(checkout(), 'dist', 'apps', 'api', 'src', 'main.js');

export interface Health {
  lastPosition: string | null;
  projectedPosition: string | null;
  projector?: 'worker' | 'inline' | 'off';
}

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

/**
 * The API in its own process, as `npm start` runs it, on a free port; ready when /health
 * answers.
 */
export async function startApi(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; health: () => Promise<Health> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: { ...process.env, TOKENTRAIL_STORE: 'embedded', ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const health = () => fetch(`${url}/health`).then((r) => r.json() as Promise<Health>);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the API exited (${child.exitCode ?? child.signalCode}) before it answered`);
    if (
      await health().then(
        () => true,
        () => false,
      )
    )
      return { child, url, health };
    await new Promise((r) => setTimeout(r, 50));
  }
}
