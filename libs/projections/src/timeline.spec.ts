import { describe, expect, it } from 'vitest';
import type { Membership } from '@tokentrail/domain';
import { artifactAddress, explainArgs } from './artifact-address';
import { staleSegments, truthMarks } from './timeline';
import type { ArtifactIntervalRow, TruthIntervalRow } from './timeline-rows';

const ref = (name: string, sid: string) => ({ name, sid, sidHistory: [] });
const alice = ref('alice', 'S-1-5-21-1-2-3-1104');
const group = {
  Finance: ref('Finance', 'S-1-5-21-1-2-3-1103'),
  Sales: ref('Sales', 'S-1-5-21-1-2-3-1105'),
};
const member = (...groups: Array<keyof typeof group>): Membership => ({
  principal: alice,
  groups: groups.map((g) => group[g]),
});
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();

const truth = (
  ...rows: Array<[from: number, to: number | null, membership: Membership | null]>
): TruthIntervalRow[] =>
  rows.map(([from, to, membership]) => ({
    membership,
    changedAt: at(from),
    fromAt: at(from),
    fromPosition: from,
    toAt: to === null ? null : at(to),
    toPosition: to,
  }));

const artifact = (
  from: number,
  to: number | null,
  membership: Membership,
  toAt = to === null ? null : at(to),
): ArtifactIntervalRow => ({
  kind: 'tgt',
  id: 's1/limited',
  principal: 'alice',
  machine: 'WS1',
  membership,
  tokenType: null,
  since: at(from),
  sourceEvent: 'e1',
  fromAt: at(from),
  fromPosition: from,
  toAt,
  toPosition: to,
  endedBy: null,
  expiresAt: null,
});

describe('stale segments (SEMANTICS.md §11 over an artifact interval)', () => {
  it('given truth that never differs, then no segment', () => {
    expect(
      staleSegments(artifact(1, 5, member('Finance')), truth([0, null, member('Finance')])),
    ).toEqual([]);
  });

  it('given two truth changes that leave the same difference, then one segment across both', () => {
    const t = truth(
      [0, 3, member('Finance')],
      [3, 4, member()],
      [4, null, member()], // a rename: truth is written again, the groups are the same
    );
    expect(staleSegments(artifact(1, 6, member('Finance')), t)).toEqual([
      expect.objectContaining({
        fromPosition: 3,
        toPosition: 6,
        from: at(3),
        to: at(6),
        lingering: ['Finance'],
      }),
    ]);
  });

  it('given a change of difference, then a new segment; an end by expiry keeps the expiry time', () => {
    const t = truth([0, 3, member('Finance')], [3, 4, member()], [4, null, member('Sales')]);
    const expired = artifact(1, 8, member('Finance'), '2026-03-02T09:07:30.000Z');
    expect(staleSegments(expired, t).map((s) => [s.from, s.to, s.lingering, s.missing])).toEqual([
      [at(3), at(4), ['Finance'], []],
      [at(4), '2026-03-02T09:07:30.000Z', ['Finance'], ['Sales']],
    ]);
  });

  it('given a principal deleted while the artifact lives, then every group lingers to its end', () => {
    const t = truth([0, 2, member('Finance')], [2, null, null]);
    expect(staleSegments(artifact(1, null, member('Finance')), t)).toEqual([
      expect.objectContaining({
        fromPosition: 2,
        to: null,
        toPosition: null,
        lingering: ['Finance'],
      }),
    ]);
  });

  it('given recorded times that go backwards, then the parts still meet by position', () => {
    const t = truth([0, 3, member('Finance')], [3, null, member()]);
    t[1].fromAt = at(0); // the change was recorded with an earlier time than the artifact's birth
    t[0].toAt = at(0);
    const [s] = staleSegments(artifact(2, null, member('Finance')), t);
    expect(s).toMatchObject({ fromPosition: 3, from: at(0), toPosition: null });
  });
});

describe('truth marks', () => {
  it('given intervals, then each opening event with what it added and removed, baseline facts told apart', () => {
    const t = truth([1, 2, member()], [2, 3, member('Finance')], [3, 4, member()], [4, null, null]);
    const types = [
      'PrincipalCreated',
      'BaselineMembershipObserved',
      'MemberRemoved',
      'PrincipalDeleted',
    ];
    const marks = truthMarks(t, (p) => ({ eventId: `e${p}`, type: types[p - 1] }));
    expect(marks.map((m) => [m.eventId, m.added, m.removed, m.origin])).toEqual([
      ['e1', [], [], 'change'],
      ['e2', ['Finance'], [], 'baseline'],
      ['e3', [], ['Finance'], 'change'],
      ['e4', [], [], 'change'],
    ]);
  });
});

describe('artifact addresses and explain arguments', () => {
  it('given each id shape, then what it names and how explain asks for it', () => {
    const cases: Array<[Parameters<typeof artifactAddress>[0], string]> = [
      ['smb-session', 's1/elevated/FS1'],
      ['service-ticket', 's1/limited/cifs/FS1'],
      ['basic-cache', 'WEB1/alice'],
      ['delegation-cache', 'WEB1/alice/SQL1'],
      ['computer-tgt', 'WS1'],
    ];
    expect(
      cases.map(([kind, id]) => {
        const address = artifactAddress(kind, id);
        return [address, explainArgs(kind, address)];
      }),
    ).toEqual([
      [
        { session: 's1', half: 'elevated', server: 'FS1' },
        { session: 's1', elevated: 'true', server: 'FS1', of: 'smbSession' },
      ],
      [{ session: 's1', half: 'limited', spn: 'cifs/FS1' }, null],
      [
        { server: 'WEB1', user: 'alice' },
        { server: 'WEB1', user: 'alice', of: 'basicCache' },
      ],
      [{ server: 'WEB1', user: 'alice', backend: 'SQL1' }, null],
      [{ machine: 'WS1' }, { machine: 'WS1', of: 'tgt' }],
    ]);
  });
});
