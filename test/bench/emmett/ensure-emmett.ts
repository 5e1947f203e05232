/**
 * Emmett's SQLite event store for the side-by-side in ../store-workload.ts. It lives in its own
 * folder with its own lockfile: emmett-sqlite 0.42.4 pins emmett 0.42.4, which the registry does
 * not serve (an override takes 0.42.0), and sqlite3 builds from source, so none of it belongs in
 * the project's install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The little of Emmett's API the workload uses. */
export interface EmmettConnection {
  close(): void;
}

export interface EmmettStore {
  appendToStream(
    stream: string,
    events: { type: string; data: unknown }[],
    options?: { expectedStreamVersion?: bigint | 'STREAM_DOES_NOT_EXIST' },
  ): Promise<{ nextExpectedStreamVersion: bigint; lastEventGlobalPosition: bigint }>;
  readStream(stream: string): Promise<{ events: unknown[]; currentStreamVersion: bigint }>;
}

export interface EmmettSqlite {
  sqliteConnection(options: { fileName: string }): EmmettConnection;
  getSQLiteEventStore(options: {
    fileName: string;
    connectionOptions: { singleton: true; connection: EmmettConnection };
  }): EmmettStore;
}

export interface LoadedEmmett {
  module: EmmettSqlite;
  version: string;
}

const PACKAGE = '@event-driven-io/emmett-sqlite';

/**
 * The folder holding this file's package.json, found from the source tree or from dist/ (the
 * compiled file sits in dist/test/bench/emmett, the lockfile only in test/bench/emmett).
 */
function emmettFolder(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'test', 'bench', 'emmett');
    if (existsSync(join(candidate, 'package-lock.json'))) return candidate;
  }
  throw new Error(`no test/bench/emmett/package-lock.json above ${__dirname}`);
}

/** Installs the folder's locked packages on first use, then loads Emmett's SQLite store. */
export function ensureEmmett(): LoadedEmmett {
  const folder = emmettFolder();
  const installed = join(folder, 'node_modules', ...PACKAGE.split('/'));
  if (!existsSync(installed)) {
    // stdout is the bench's JSON: npm's chatter goes to stderr.
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: folder,
      stdio: ['ignore', 2, 2],
    });
  }
  const load = createRequire(join(folder, 'package.json'));
  const { version } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { module: load(PACKAGE) as EmmettSqlite, version };
}
