import { describe, expect, it } from 'vitest';
import { mapEvent, type WinEvent } from '@tokentrail/siem';

const D = 'S-1-5-21-1-2-3';
const event = (eventId: number, data: Record<string, string>): WinEvent => ({
  eventId,
  computer: 'DC1',
  recordId: 7,
  channel: 'Security',
  time: '2026-03-02T09:00:00.000Z',
  data,
  format: 'winlogbeat',
  source: { file: 'test', line: 1 },
});
const observation = (e: WinEvent) => {
  const m = mapEvent(e);
  if (!('observation' in m)) throw new Error(JSON.stringify(m));
  return m;
};

describe('mapEvent: more of the log understood', () => {
  it('given a 4720 whose name ends in $ with PrimaryGroupId 513, then it is a user: a kind comes from the event, never from the name', () => {
    const m = observation(
      event(4720, {
        TargetSid: `${D}-1300`,
        TargetUserName: 'svc$',
        TargetDomainName: 'CORP',
        PrimaryGroupId: '513',
      }),
    );
    expect(m.observation).toMatchObject({
      kind: 'account',
      principal: { sid: `${D}-1300`, name: 'svc$', kind: 'user' },
      primaryGroupRid: 513,
    });
  });

  it('given a 4738 with SID history and a new primary group, then both are observed; a 4742 says the account is a computer', () => {
    const m = observation(
      event(4738, {
        TargetSid: `${D}-1104`,
        TargetUserName: 'alice',
        TargetDomainName: 'CORP',
        PrimaryGroupId: '512',
        SidHistory: '%{S-1-5-21-9-9-9-1104}',
      }),
    );
    expect(m.observation).toMatchObject({
      kind: 'account',
      principal: { kind: 'user' },
      primaryGroupRid: 512,
      sidHistory: ['S-1-5-21-9-9-9-1104'],
    });
    const computer = observation(
      event(4742, { TargetSid: `${D}-1200`, TargetUserName: 'WS1$', PrimaryGroupId: '-' }),
    );
    expect(computer.observation).toMatchObject({ principal: { kind: 'computer' } });
    expect(computer.observation).not.toHaveProperty('sidHistory');
  });

  it('given 4722 and 4725, then the account is enabled and disabled', () => {
    expect(observation(event(4722, { TargetSid: `${D}-1104` })).observation).toMatchObject({
      kind: 'accountEnabled',
      enabled: true,
    });
    expect(observation(event(4725, { TargetSid: `${D}-1104` })).observation).toMatchObject({
      kind: 'accountEnabled',
      enabled: false,
    });
  });

  it('given 5136 on a group’s member attribute, then a member change by DN; any other attribute is skipped as unmapped', () => {
    const change = (op: string, attribute = 'member') =>
      mapEvent(
        event(5136, {
          ObjectDN: 'CN=Finance,OU=Groups,DC=corp,DC=example',
          ObjectClass: 'group',
          AttributeLDAPDisplayName: attribute,
          AttributeValue: 'CN=alice,CN=Users,DC=corp,DC=example',
          OperationType: op,
        }),
      );
    expect(change('%%14674')).toMatchObject({
      observation: {
        kind: 'directoryMember',
        add: true,
        groupDn: 'CN=Finance,OU=Groups,DC=corp,DC=example',
      },
    });
    expect(change('%%14675')).toMatchObject({ observation: { add: false } });
    expect(change('%%14674', 'description')).toEqual({ unknown: 5136 });
  });

  it('given 4766 and a failed 4768, then they are recorded and the failure issues no ticket', () => {
    expect(observation(event(4766, { TargetSid: `${D}-1104` })).observation.kind).toBe('recorded');
    expect(
      observation(event(4768, { TargetUserName: 'alice', TargetSid: `${D}-1104`, Status: '0x12' }))
        .observation,
    ).toMatchObject({ kind: 'ticket', issued: false, user: { name: 'alice' } });
  });
});
