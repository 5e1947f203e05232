import { describe, expect, it } from 'vitest';
import { SessionEnded } from '../errors';
import { WELL_KNOWN } from '../sids';
import { corp, given } from '../testing/given';
import { buildToken, tokenSids, tokenWithinSidLimit, wellKnownSidsOfLogonType } from './token';

describe('token assembly (SEMANTICS.md §2)', () => {
  it('gives each logon type its well-known SIDs', () => {
    const base = [WELL_KNOWN.everyone, WELL_KNOWN.authenticatedUsers, WELL_KNOWN.thisOrganization];
    expect(wellKnownSidsOfLogonType('interactive')).toEqual([...base, 'S-1-5-4', 'S-1-2-0']);
    expect(wellKnownSidsOfLogonType('rdp')).toEqual([...base, 'S-1-5-4', 'S-1-2-0', 'S-1-5-14']);
    expect(wellKnownSidsOfLogonType('network')).toEqual([...base, 'S-1-5-2']);
    expect(wellKnownSidsOfLogonType('service')).toEqual(
      expect.arrayContaining(['S-1-1-0', 'S-1-5-11', 'S-1-5-6']),
    );
  });

  it('holds the principal, its history, every group and each group history, then the well-known SIDs', () => {
    const membership = {
      principal: { name: 'bob', sid: 'S-1-5-21-1-2-3-1104', sidHistory: ['S-1-5-21-9-9-9-1'] },
      groups: [{ name: 'G', sid: 'S-1-5-21-1-2-3-1103', sidHistory: ['S-1-5-21-9-9-9-2'] }],
    };
    const token = buildToken(membership, 'network');
    expect(tokenSids(token)).toEqual([
      'S-1-5-21-1-2-3-1104',
      'S-1-5-21-9-9-9-1',
      'S-1-5-21-1-2-3-1103',
      'S-1-5-21-9-9-9-2',
      'S-1-1-0',
      'S-1-5-11',
      'S-1-5-15',
      'S-1-5-2',
    ]);
    expect(tokenWithinSidLimit(token, 8)).toBe(true);
    expect(tokenWithinSidLimit(token, 7)).toBe(false);
  });

  it('given a user in more groups than maxTokenSids allows, when logging on, then the logon is denied with the count', () => {
    const groups = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`G${i}`, ['alice']]));
    const sim = given(
      corp({ users: ['alice'], groups, computers: ['WS1'], policy: { maxTokenSids: 10 } }),
    );
    // alice + Domain Users + 5 groups + 5 well-known = 12
    sim
      .when('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' })
      .then([{ type: 'LogonDenied', data: { reason: 'sid-limit', sidCount: 12, limit: 10 } }]);
    sim.when('09:01', 'logoff', { session: 's1' }).thenThrows(SessionEnded);
    sim.when('09:01', 'logoff', { session: 's1' }).thenThrows(/was denied/);
  });

  it('given a per-machine maxTokenSids override, then only that machine denies', () => {
    const sim = given(
      corp({ users: ['alice'], computers: ['WS1', { name: 'WS2', policy: { maxTokenSids: 5 } }] }),
    );
    sim
      .when('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' })
      .then(['LoggedOn', 'TgtIssued', 'LogonCacheRefreshed']);
    sim
      .when('09:00', 'logon', { user: 'alice', machine: 'WS2', session: 's2' })
      .then(['LogonDenied']);
  });
});
