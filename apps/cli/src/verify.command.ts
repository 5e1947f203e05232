import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgument, runStreamOf, streamOf } from '@tokentrail/domain';
import { parseStoreConfig, sqliteChainSource, assertLayout } from '@tokentrail/event-store';
import { parseBundle, verifyBundle } from '@tokentrail/event-store/evidence-bundle';
import type { LogReport } from '@tokentrail/event-store/log-report';
import { openReadOnly } from '@tokentrail/event-store/store-file';
import { verifyLog } from '@tokentrail/event-store/verify-log';
import { UnknownSimulation } from '@tokentrail/simulation';
import { SERVER_OPTION, serverOf } from './api-client';
import { openStore } from './open-store';
import { printVerify } from './print-verify';
import { reportErrors } from './report-errors';
import { collect, trustedFingerprints } from './trusted-keys';

interface VerifyOptions {
  json?: boolean;
  expectHead?: string;
  bundle?: string;
  publicKey?: string[];
  fingerprint?: string[];
  apiUrl?: string;
}

/** `POS:HASH` as verify prints it: the simulation's position (from 1) and that event's hash. */
function expectedHead(value: string, simulation: string | undefined) {
  if (!simulation)
    throw new InvalidArgument('expect-head', 'names a head of one simulation: give SIM too');
  const m = /^(\d+):([0-9a-f]{64})$/.exec(value);
  if (!m || Number(m[1]) < 1)
    throw new InvalidArgument(
      'expect-head',
      `"${value}" is not POS:HASH (a position from 1, 64 hex digits)`,
    );
  return { stream: streamOf(simulation), revision: Number(m[1]) - 1, hash: m[2] };
}

/** The embedded store, opened read-only (nothing is created or changed), verified. */
async function verifyStore(simulation: string | undefined, o: VerifyOptions): Promise<LogReport> {
  const config = parseStoreConfig(process.env);
  const expect = o.expectHead ? expectedHead(o.expectHead, simulation) : undefined;
  const streams = simulation ? [streamOf(simulation), runStreamOf(simulation)] : undefined;
  const trusted = trustedFingerprints(o, config);
  const db = openReadOnly(config.TOKENTRAIL_DB);
  try {
    assertLayout(db, config.TOKENTRAIL_DB);
    const report = await verifyLog(sqliteChainSource(db), { streams, trusted, expect });
    if (simulation && report.streams.every((s) => !s.head && !s.deleted && !s.problem))
      throw new UnknownSimulation(simulation);
    return report;
  } finally {
    if (db.open) db.close();
  }
}

async function verify(simulation: string | undefined, o: VerifyOptions): Promise<void> {
  const config = parseStoreConfig(process.env);
  if (o.bundle) {
    if (simulation || o.expectHead)
      throw new InvalidArgument(
        'bundle',
        'a bundle is checked on its own: leave SIM and --expect-head out',
      );
    let text: string;
    try {
      text = readFileSync(o.bundle, 'utf8');
    } catch (error) {
      throw new InvalidArgument(
        'bundle',
        `cannot read ${o.bundle}: ${(error as NodeJS.ErrnoException).code}`,
      );
    }
    const bundle = parseBundle(text, o.bundle);
    console.log(
      `bundle of simulation ${bundle.simulation}, made ${bundle.createdAt} by ${bundle.tool.name} ${bundle.tool.version}`,
    );
    const report = await verifyBundle(bundle, trustedFingerprints(o, config));
    return printVerify(report, { json: o.json, whereSigned: 'the bundle is not signed' });
  }
  const server = serverOf(o);
  if (server) {
    if (!simulation)
      throw new InvalidArgument('simulation', 'a server verifies one simulation: give SIM');
    const query = o.expectHead ? `?expectHead=${encodeURIComponent(o.expectHead)}` : '';
    const report = await server.json<LogReport>(
      'GET',
      `simulations/${encodeURIComponent(simulation)}/verify${query}`,
    );
    return printVerify(report, { json: o.json, whereSigned: 'the server has no signing key' });
  }
  if (config.TOKENTRAIL_STORE === 'eventstoredb') {
    // EventStoreDB keeps no hash chain of ours: its report says so in `reason`.
    const store = openStore();
    try {
      const report = await store.verify();
      console.log(`ok: ${report.checked} events (${report.reason})`);
    } finally {
      await store.close();
    }
    return;
  }
  const report = await verifyStore(simulation, o);
  printVerify(report, {
    json: o.json,
    whereSigned: 'set TOKENTRAIL_SIGNING_KEY and run tokentrail seal',
  });
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      "walk every simulation's hash chain (or SIM's) read-only, against the signed heads: print each head as POS:HASH, or exit 1 naming each altered, missing or truncated event",
    )
    .argument('[simulation]', 'only this simulation (its log and its runs)')
    .option(
      '--expect-head <pos:hash>',
      'the head written down elsewhere (a ticket, a report) that SIM must still pass through',
    )
    .option(
      '--bundle <file>',
      'check an evidence bundle (tokentrail export SIM --bundle) instead of a store: no store is needed',
    )
    .option(
      '--public-key <file>',
      'trust signed heads of this public key (PEM; repeatable)',
      collect,
    )
    .option(
      '--fingerprint <sha256:hex>',
      'trust signed heads of the key with this fingerprint (repeatable)',
      collect,
    )
    .option(...SERVER_OPTION)
    .option('--json', 'print the report as JSON')
    .action(reportErrors(verify));
}
