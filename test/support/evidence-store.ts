import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, SqliteEventStore, chainHash } from '@tokentrail/event-store';
import { sealLog } from '@tokentrail/event-store/seal-log';
import { loadSigningKey, type SigningKey } from '@tokentrail/event-store/signed-head';

/** A fresh Ed25519 key pair on disk, as `tokentrail keys signing` writes it. */
export function signingKeyFile(dir = mkdtempSync(join(tmpdir(), 'tt-key-'))) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const file = join(dir, 'sign.pem');
  writeFileSync(file, privateKey, { mode: 0o600 });
  writeFileSync(`${file}.pub`, publicKey);
  return { file, publicFile: `${file}.pub`, key: loadSigningKey(file) };
}

/** An event with every metadata field set, so each stored column has a byte to flip. */
export const richEvent = (n: number) => ({
  type: 'MemberAdded',
  data: { group: 'Finance', n },
  metadata: {
    eventId: `00000000-0000-4000-8000-00000000000${n}`,
    occurredAt: `2026-03-02T09:0${n}:00.000Z`,
    correlationId: 'run-1',
    causationId: 'cause-1',
    schemaVersion: 2,
    aggregate: 'Session:s1',
    command: n,
  },
});

/**
 * A store file with simulation `t` (six events, positions 1–6) and another simulation `u`, sealed
 * with `key` when one is given.
 */
export async function evidenceStore(key?: SigningKey): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'tt-evidence-')), 'log.db');
  const store = new SqliteEventStore(file);
  await store.append('sim-t', [1, 2, 3].map(richEvent));
  await store.append('sim-u', [richEvent(7)]);
  await store.append('sim-t', [4, 5, 6].map(richEvent));
  if (key) await sealLog(store, key);
  await store.close();
  return file;
}

/** A copy of a store file in a new folder (tampering never touches the original). */
export function copyOf(file: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'tt-copy-')), 'log.db');
  copyFileSync(file, copy);
  return copy;
}

/** Edits the file as an attacker with write access would: straight through SQLite. */
export function tamper(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file);
  edit(db);
  db.close();
}

type Row = Record<string, string | number | null>;

/** Rewrites every hash of `stream` from its first event, as an attacker covering an edit would. */
export function recomputeChain(db: Database.Database, stream: string): void {
  let previous = GENESIS_HASH;
  const rows = db
    .prepare<[string], Row>('SELECT * FROM events WHERE stream = ? ORDER BY revision')
    .all(stream);
  for (const r of rows) {
    previous = chainHash(previous, {
      streamId: stream,
      revision: BigInt(r.revision as number),
      type: r.type as string,
      dataText: r.data as string,
      metadata: {
        eventId: r.event_id as string,
        occurredAt: r.occurred_at as string,
        recordedAt: r.recorded_at as string,
        correlationId: r.correlation_id as string | null,
        causationId: r.causation_id as string | null,
        schemaVersion: r.schema_version as number,
        aggregate: r.aggregate as string | null,
        command: r.command as number | null,
      },
    });
    db.prepare('UPDATE events SET hash = ? WHERE position = ?').run(previous, r.position);
  }
}
