import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamOf } from '@tokentrail/domain';
import { ImportService } from '@tokentrail/siem';
import { createTestApp } from '../support/test-app';

/** Written for this test (test/fixtures/logs/README.md): a 4627 comes before its 4624. */
const LINGERING = join(__dirname, '..', 'fixtures', 'logs', 'lingering-after-removal.ndjson');

describe('the evidence model on a log written for it', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.close());
  const findings = async (sim: string) => {
    const out: Record<string, unknown>[] = [];
    for await (const e of app.store.readStream(streamOf(sim)))
      if (e.type === 'TokenDivergenceFound') out.push(e.data as Record<string, unknown>);
    return out;
  };

  it.each([
    ['in record-number order (the default window)', undefined],
    ['in file order (no reorder window: the 4627 waits for its 4624)', 0],
  ])(
    'given 4728, then 4729 removing alice, then an interactive logon on WS1 whose logon cache predates the removal, when it is imported %s, then exactly one lingering-after-removal, explained by the logon cache, with both records',
    async (_, reorderWindow) => {
      const sim = `lingering-${reorderWindow ?? 'default'}`;
      const s = await app.get(ImportService).import(sim, [LINGERING], { reorderWindow });
      expect(s).toMatchObject({
        read: 9,
        mapped: 9,
        imported: 9,
        malformed: 0,
        exitCode: 0,
        baselineFacts: 0,
        findings: { 'lingering-after-removal': 1, 'missing-after-add': 0, unexplained: 0 },
      });
      const [f] = await findings(sim);
      expect(f).toMatchObject({
        finding: 'lingering-after-removal',
        machine: 'WS1',
        logonId: '0x2000',
        user: 'alice',
        carried: true,
        groups: [{ sid: 'S-1-5-21-1-2-3-1103', name: 'Finance' }],
        explainedBy: {
          rule: 'logon-cache',
          record: { computer: 'WS1', recordId: 500, eventId: 4624 },
        },
      });
      // The removal and the token that still carried the group: computer, log, number, time.
      expect(f.evidence).toEqual(
        expect.arrayContaining([
          {
            computer: 'DC1',
            channel: 'Security',
            recordId: 103,
            eventId: 4729,
            time: '2026-03-02T09:20:00.000Z',
          },
          {
            computer: 'WS1',
            channel: 'Security',
            recordId: 504,
            eventId: 4627,
            time: '2026-03-02T09:30:00.000Z',
          },
        ]),
      );
    },
  );
});
