import { writeFileSync } from 'node:fs';
import { InvalidArgument, runStreamOf, streamOf } from '@tokentrail/domain';
import { assertLayout, parseStoreConfig, sqliteChainSource } from '@tokentrail/event-store';
import { buildBundle, type EvidenceBundle } from '@tokentrail/event-store/evidence-bundle';
import { loadSigningKey } from '@tokentrail/event-store/signed-head';
import { openReadOnly } from '@tokentrail/event-store/store-file';
import { UnknownSimulation } from '@tokentrail/simulation';
import type { ApiClient } from './api-client';
import { TOOL } from './tool';

/** The bundle of a simulation, from the store read-only (or from a server), written to `file`. */
export async function exportBundle(
  simulation: string,
  file: string,
  server: ApiClient | null,
): Promise<void> {
  const streams = [streamOf(simulation), runStreamOf(simulation)];
  let bundle: EvidenceBundle;
  if (server) {
    bundle = await server.json<EvidenceBundle>(
      'GET',
      `simulations/${encodeURIComponent(simulation)}/bundle`,
    );
  } else {
    const config = parseStoreConfig(process.env);
    if (config.TOKENTRAIL_STORE !== 'embedded')
      throw new InvalidArgument('bundle', 'bundles carry the embedded store’s hash chains');
    const key = config.TOKENTRAIL_SIGNING_KEY
      ? loadSigningKey(config.TOKENTRAIL_SIGNING_KEY)
      : null;
    const db = openReadOnly(config.TOKENTRAIL_DB);
    try {
      assertLayout(db, config.TOKENTRAIL_DB);
      const source = sqliteChainSource(db);
      if (source.page(streams[0], 0, 1).length === 0) throw new UnknownSimulation(simulation);
      bundle = await buildBundle(source, simulation, streams, key, TOOL);
    } finally {
      if (db.open) db.close();
    }
  }
  try {
    writeFileSync(file, `${JSON.stringify(bundle, null, 1)}\n`, { flag: 'wx' });
  } catch (error) {
    throw new InvalidArgument(
      'bundle',
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code} (an existing file is never overwritten)`,
    );
  }
  const log = bundle.streams.find((s) => s.stream === streams[0])?.events ?? [];
  const head = log[log.length - 1];
  process.stderr.write(
    `bundle ${file}: ${log.length} events of ${simulation}, head ${head.revision + 1}:${head.hash}, ${
      bundle.fingerprint
        ? `signed by ${bundle.fingerprint}`
        : 'not signed (no TOKENTRAIL_SIGNING_KEY)'
    }\n`,
  );
}
