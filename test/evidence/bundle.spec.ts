import { describe, expect, it } from 'vitest';
import { sqliteChainSource } from '@tokentrail/event-store';
import {
  buildBundle,
  verifyBundle,
  type EvidenceBundle,
} from '@tokentrail/event-store/evidence-bundle';
import { GENESIS_HASH, chainHash } from '@tokentrail/event-store';
import { signHeads } from '@tokentrail/event-store/signed-head';
import { openReadOnly } from '@tokentrail/event-store/store-file';
import { evidenceStore, signingKeyFile } from '../support/evidence-store';

const signer = signingKeyFile();
const tool = { name: 'tokentrail', version: 'test' };

async function bundleOf(key = signer.key): Promise<EvidenceBundle> {
  const db = openReadOnly(await evidenceStore());
  try {
    return await buildBundle(sqliteChainSource(db), 't', ['sim-t', 'run-t'], key, tool);
  } finally {
    db.close();
  }
}

const events = (b: EvidenceBundle) => b.streams[0].events;

/** Recomputes the bundle's chain after an edit, as a forger without the key would. */
function recompute(b: EvidenceBundle): void {
  let previous = GENESIS_HASH;
  for (const e of events(b)) {
    previous = chainHash(previous, {
      streamId: 'sim-t',
      revision: BigInt(e.revision),
      type: e.type,
      dataText: e.data,
      metadata: e.metadata,
    });
    e.hash = previous;
  }
}

describe('evidence bundle', () => {
  it('given a bundle, then it verifies with no store and carries its key, fingerprint, tool and time', async () => {
    const bundle = await bundleOf();
    expect(bundle).toMatchObject({
      format: 'tokentrail-evidence-bundle/1',
      tool,
      simulation: 't',
      fingerprint: signer.key.fingerprint,
      publicKey: signer.key.publicKeyPem,
      signedHead: { heads: [{ stream: 'sim-t', revision: '5' }] },
    });
    expect(events(bundle)).toHaveLength(6);
    const report = await verifyBundle(bundle, [signer.key.fingerprint]);
    expect(report).toMatchObject({ ok: true, checked: 6, seals: { last: { trusted: true } } });
  });

  it('given its last events removed, then the signed head names the truncation', async () => {
    const bundle = await bundleOf();
    bundle.streams[0].events = events(bundle).slice(0, 4);
    const report = await verifyBundle(bundle);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(
      /^sim-t ends at position 4 \(revision 3\), but the signed head/,
    );
  });

  it('given a middle event removed, then it is named missing', async () => {
    const bundle = await bundleOf();
    events(bundle).splice(2, 1);
    expect((await verifyBundle(bundle)).problems[0]).toBe(
      'sim-t position 3 (revision 2) is missing',
    );
  });

  it('given an event edited and the chain recomputed, then the signed head shows it', async () => {
    const bundle = await bundleOf();
    events(bundle)[1].data = events(bundle)[1].data.replace('Finance', 'Domain Admins');
    recompute(bundle);
    const report = await verifyBundle(bundle);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(
      /^sim-t position 6 \(revision 5\) .*does not match the signed head/,
    );
  });

  it('given a recomputed chain re-signed with another key, then a pinned fingerprint refuses it', async () => {
    const bundle = await bundleOf();
    events(bundle)[1].data = events(bundle)[1].data.replace('Finance', 'Domain Admins');
    recompute(bundle);
    const forger = signingKeyFile().key;
    const last = events(bundle)[5];
    bundle.signedHead = signHeads(
      forger,
      [
        { stream: 'sim-t', revision: '5', hash: last.hash },
        ...(bundle.signedHead?.heads.filter((h) => h.stream !== 'sim-t') ?? []),
      ],
      bundle.createdAt,
    );
    expect((await verifyBundle(bundle)).ok).toBe(true); // not pinned: only the fingerprint tells
    const pinned = await verifyBundle(bundle, [signer.key.fingerprint]);
    expect(pinned.ok).toBe(false);
    expect(pinned.problems).toContain(
      `the signed head of ${bundle.createdAt}: signed by ${forger.fingerprint}, not a trusted key`,
    );
  });

  it('given an event added after the signed head, then it is named', async () => {
    const bundle = await bundleOf();
    const extra = { ...events(bundle)[5], revision: 6, globalPosition: 100 };
    extra.hash = chainHash(events(bundle)[5].hash, {
      streamId: 'sim-t',
      revision: 6n,
      type: extra.type,
      dataText: extra.data,
      metadata: extra.metadata,
    });
    events(bundle).push(extra);
    expect((await verifyBundle(bundle)).problems).toContain(
      'sim-t has events after its signed head (revision 5): they were added to the bundle',
    );
  });
});
