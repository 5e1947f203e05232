import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore, sqliteChainSource } from '@tokentrail/event-store';
import { openReadOnly } from '@tokentrail/event-store/store-file';
import { sealLog } from '@tokentrail/event-store/seal-log';
import { signHeads } from '@tokentrail/event-store/signed-head';
import { verifyLog, type VerifyLogOptions } from '@tokentrail/event-store/verify-log';
import {
  copyOf,
  evidenceStore,
  recomputeChain,
  signingKeyFile,
  tamper,
} from '../support/evidence-store';

async function verify(file: string, options: VerifyLogOptions = {}) {
  const db = openReadOnly(file);
  try {
    return await verifyLog(sqliteChainSource(db), options);
  } finally {
    db.close();
  }
}

const problemOf = async (file: string, options: VerifyLogOptions = {}) => {
  const report = await verify(file, options);
  expect(report.ok).toBe(false);
  return report.streams.find((s) => s.problem)?.problem;
};

const signer = signingKeyFile();
const trusted = [signer.key.fingerprint];

describe('tamper evidence: the chain', () => {
  it('given an untouched sealed store, then every stream verifies and each head is reported', async () => {
    const file = await evidenceStore(signer.key);
    const report = await verify(file, { trusted });
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.streams.find((s) => s.stream === 'sim-t')).toMatchObject({
      verified: 6,
      head: { revision: 5 },
      sealed: { revision: 5 },
    });
    expect(report.seals).toMatchObject({ count: 1, last: { trusted: true } });
  });

  const columns: [string, string][] = [
    ['type', "type = 'MemberRemoved'"],
    ['data', `data = replace(data, '"Finance"', '"Financf"')`],
    ['event_id', "event_id = replace(event_id, '8000', '8001')"],
    ['occurred_at', "occurred_at = replace(occurred_at, '09:03', '09:02')"],
    ['recorded_at', "recorded_at = recorded_at || ' '"],
    ['correlation_id', "correlation_id = 'run-2'"],
    ['causation_id', "causation_id = 'cause-2'"],
    ['schema_version', 'schema_version = 3'],
    ['aggregate', "aggregate = 'Session:s2'"],
    ['command', 'command = command + 1'],
    [
      'hash',
      "hash = substr(hash, 1, 63) || (CASE substr(hash, 64) WHEN '0' THEN '1' ELSE '0' END)",
    ],
  ];
  it.each(columns)(
    'given one byte of %s changed in the third event, then verify names position 3 as altered',
    async (_column, change) => {
      const file = copyOf(await evidenceStore());
      tamper(file, (db) =>
        db.prepare(`UPDATE events SET ${change} WHERE stream = 'sim-t' AND revision = 2`).run(),
      );
      expect(await problemOf(file)).toMatchObject({
        kind: 'altered',
        revision: 2,
        message: expect.stringMatching(/^sim-t position 3 \(revision 2\).* was altered/),
      });
    },
  );

  it('given one byte flipped in the file itself, then verify names the event it belongs to', async () => {
    const file = copyOf(await evidenceStore());
    const bytes = readFileSync(file);
    const at = bytes.indexOf('"n":5');
    expect(at).toBeGreaterThan(0);
    bytes[at + 4] ^= 0x01; // "n":5 becomes "n":4
    writeFileSync(file, bytes);
    expect(await problemOf(file)).toMatchObject({ kind: 'altered', revision: 4 });
  });

  it('given a middle event deleted, then verify names it missing, not a hash mismatch', async () => {
    const file = copyOf(await evidenceStore());
    tamper(file, (db) =>
      db.prepare("DELETE FROM events WHERE stream = 'sim-t' AND revision = 2").run(),
    );
    expect(await problemOf(file)).toMatchObject({
      kind: 'missing',
      revision: 2,
      message: 'sim-t position 3 (revision 2) is missing',
    });
  });

  it('given the last events deleted, then verify names the truncation through the signed head', async () => {
    const file = copyOf(await evidenceStore(signer.key));
    tamper(file, (db) =>
      db.prepare("DELETE FROM events WHERE stream = 'sim-t' AND revision >= 4").run(),
    );
    expect(await problemOf(file, { trusted })).toMatchObject({
      kind: 'truncated',
      message: expect.stringMatching(
        /^sim-t ends at position 4 \(revision 3\), but the signed head of .* names position 6 \(revision 5\)/,
      ),
    });
  });

  it('given the last events deleted and no signed head, then only a head written down elsewhere shows it', async () => {
    const file = copyOf(await evidenceStore());
    const head = (await verify(file)).streams.find((s) => s.stream === 'sim-t')?.head;
    tamper(file, (db) =>
      db.prepare("DELETE FROM events WHERE stream = 'sim-t' AND revision >= 4").run(),
    );
    expect((await verify(file)).ok).toBe(true);
    const expectHead = { stream: 'sim-t', revision: 5, hash: String(head?.hash) };
    expect(await problemOf(file, { expect: expectHead })).toMatchObject({
      kind: 'truncated',
      message: expect.stringContaining('but the expected head names position 6'),
    });
  });

  it('given an event edited and the chain recomputed, then the signed head shows it', async () => {
    const file = copyOf(await evidenceStore(signer.key));
    tamper(file, (db) => {
      db.prepare(
        `UPDATE events SET data = replace(data, 'Finance', 'Domain Admins') WHERE stream = 'sim-t' AND revision = 1`,
      ).run();
      recomputeChain(db, 'sim-t');
    });
    expect(await problemOf(file, { trusted })).toMatchObject({
      kind: 'recomputed',
      revision: 5,
      message: expect.stringMatching(
        /^sim-t position 6 \(revision 5\) .*does not match the signed head of .*: events up to it were changed and the chain recomputed/,
      ),
    });
  });

  it('given a recomputed chain re-signed with another key, then the other key is named and the first signed head still shows it', async () => {
    const file = copyOf(await evidenceStore(signer.key));
    const forger = signingKeyFile();
    tamper(file, (db) => {
      db.prepare(
        `UPDATE events SET data = replace(data, 'Finance', 'Domain Admins') WHERE stream = 'sim-t'`,
      ).run();
      recomputeChain(db, 'sim-t');
    });
    const forged = new SqliteEventStore(file);
    await expect(sealLog(forged, forger.key)).rejects.toThrow(/not sealed: .*recomputed/);
    const sealed = signHeads(forger.key, [{ stream: 'sim-t', revision: '5', hash: 'x' }], 'now');
    await forged.append('$seals', [
      { type: 'HeadsSealed', data: sealed, metadata: { occurredAt: 'now', schemaVersion: 1 } },
    ]);
    await forged.close();
    const report = await verify(file, { trusted });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sim-t position 6 .*does not match the signed head/),
        expect.stringContaining(`signed by ${forger.key.fingerprint}, not a trusted key`),
      ]),
    );
  });

  it('given a simulation deleted through the store, then verify explains it; its rows removed by hand are named', async () => {
    const file = await evidenceStore(signer.key);
    const store = new SqliteEventStore(file);
    await store.deleteStream('sim-u');
    await store.close();
    const report = await verify(file, { trusted });
    expect(report.ok).toBe(true);
    expect(report.streams.find((s) => s.stream === 'sim-u')).toMatchObject({
      deleted: { stream: 'sim-u', lastRevision: 0, events: 1 },
      problem: null,
    });

    const gone = copyOf(await evidenceStore(signer.key));
    tamper(gone, (db) => db.prepare("DELETE FROM events WHERE stream = 'sim-u'").run());
    expect(await problemOf(gone, { trusted })).toMatchObject({
      kind: 'vanished',
      message: expect.stringMatching(/^sim-u is gone and no deletion of it is recorded/),
    });
  });

  it('given a signed head whose signature was edited, then it is named and not relied on', async () => {
    const file = copyOf(await evidenceStore(signer.key));
    tamper(file, (db) =>
      db
        .prepare('UPDATE events SET data = replace(data, \'"revision":"5"\', \'"revision":"9"\')')
        .run(),
    );
    const report = await verify(file, { trusted });
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/^\$seals revision 0 .* was altered/);
  });
});
