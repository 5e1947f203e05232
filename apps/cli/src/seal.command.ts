import type { Command } from 'commander';
import { InvalidArgument } from '@tokentrail/domain';
import { SqliteEventStore, parseStoreConfig } from '@tokentrail/event-store';
import { sealLog, type SealResult } from '@tokentrail/event-store/seal-log';
import { loadSigningKey } from '@tokentrail/event-store/signed-head';
import { SERVER_OPTION, serverOf } from './api-client';
import { reportErrors } from './report-errors';

function print(result: SealResult, json?: boolean): void {
  if (json) return console.log(JSON.stringify(result, null, 2));
  const { head } = result;
  console.log(
    `${result.sealed ? 'sealed' : 'nothing new since the signed head of'} ${head.sealedAt} by ${head.fingerprint} ($seals revision ${result.revision})`,
  );
  // The heads, to write down where the store cannot reach them (verify --expect-head takes them).
  for (const h of head.heads)
    if (h.stream.startsWith('sim-'))
      console.log(`simulation ${h.stream.slice(4)}  head ${Number(h.revision) + 1}:${h.hash}`);
}

async function seal(o: { json?: boolean; apiUrl?: string }): Promise<void> {
  const server = serverOf(o);
  if (server) return print(await server.json<SealResult>('POST', 'seals'), o.json);
  const config = parseStoreConfig(process.env);
  if (config.TOKENTRAIL_STORE !== 'embedded')
    throw new InvalidArgument('store', 'signed heads are of the embedded store’s hash chains');
  if (!config.TOKENTRAIL_SIGNING_KEY)
    throw new InvalidArgument(
      'TOKENTRAIL_SIGNING_KEY',
      'is needed to sign: the path of an Ed25519 private key (tokentrail keys signing --out FILE makes one)',
    );
  const key = loadSigningKey(config.TOKENTRAIL_SIGNING_KEY);
  const store = new SqliteEventStore(config.TOKENTRAIL_DB);
  try {
    print(await sealLog(store, key), o.json);
  } finally {
    await store.close();
  }
}

export function registerSeal(program: Command): void {
  program
    .command('seal')
    .description(
      "sign every stream's head with TOKENTRAIL_SIGNING_KEY (Ed25519) after verifying the log; verify then detects deleted last events and a recomputed chain",
    )
    .option(...SERVER_OPTION)
    .option('--json', 'print the signed head as JSON')
    .action(reportErrors(seal));
}
