import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { CHECKOUT } from './checkout';
import { freePort } from './local-process';

/** The built API (npm run build): what `npm start` runs. */
export const API_MAIN = join(CHECKOUT, 'dist', 'apps', 'api', 'src', 'main.js');

export interface Health {
  lastPosition: string | null;
  projectedPosition: string | null;
  projector?: 'worker' | 'inline' | 'off';
  lag?: { events: number; seconds: number };
}

/**
 * The API in its own process, as `npm start` runs it, on a free port; ready when /health
 * answers. `output()` is what it wrote to standard output so far; `exited` resolves when it ends.
 */
export async function startApi(env: Record<string, string>): Promise<{
  child: ChildProcess;
  url: string;
  health: () => Promise<Health>;
  output: () => string;
  exited: Promise<number | null>;
}> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: { ...process.env, TOKENTRAIL_STORE: 'embedded', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const output = () => stdout;
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
      return { child, url, health, output, exited };
    await new Promise((r) => setTimeout(r, 50));
  }
}
