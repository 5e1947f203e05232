import { describe, expect, it } from 'vitest';
import { internEventMemberships, MembershipTable } from './membership-table';
import type { Membership } from './membership';

/** A fresh copy each time, as each stored event's JSON gives one. */
const alice = (finance = 'Finance', history: string[] = []): Membership =>
  JSON.parse(
    JSON.stringify({
      principal: { name: 'alice', sid: 'S-1-5-21-1-2-3-1104', sidHistory: history },
      groups: [
        { name: 'Domain Users', sid: 'S-1-5-21-1-2-3-513', sidHistory: [] },
        { name: finance, sid: 'S-1-5-21-1-2-3-1105', sidHistory: [] },
      ],
    }),
  ) as Membership;

describe('the membership table', () => {
  it('given two equal copies, then both become one object, equal to them', () => {
    const table = new MembershipTable();
    const first = table.intern(alice());
    const second = table.intern(alice());
    expect(second).toBe(first);
    expect(second).toEqual(alice());
  });

  it('given copies that differ in a group name or a SID history, then they stay apart', () => {
    const table = new MembershipTable();
    const before = table.intern(alice());
    expect(table.intern(alice('Finance-2026'))).not.toBe(before);
    expect(table.intern(alice('Finance', ['S-1-5-21-9-9-9-1104']))).not.toBe(before);
    // the groups both share are one object
    expect(table.intern(alice('Finance-2026')).groups[0]).toBe(before.groups[0]);
  });

  it("given an event's data, then its membership, a token's and a ticket's PAC are the table's", () => {
    const table = new MembershipTable();
    const data = {
      session: 's1',
      membership: alice(),
      token: { logonType: 'interactive', membership: alice() },
      ticket: { spn: 'krbtgt', pac: alice(), issuedAt: 'x', expiresAt: 'y' },
      halves: ['limited'],
    };
    internEventMemberships(table, data);
    expect(data.token.membership).toBe(data.membership);
    expect(data.ticket.pac).toBe(data.membership);
    expect(data.halves).toEqual(['limited']);
  });
});
