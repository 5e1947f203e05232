import { describe, expect, it } from 'vitest';
import type { SimCommand } from '@tokentrail/domain';
import { Projector } from '@tokentrail/projections';
import { CommandSender } from '@tokentrail/simulation';
import { START, enterpriseDomain, setUpCommands, type Timed } from '../bench/enterprise';
import { createTestApp } from '../support/test-app';

const minutes = (m: number) => new Date(Date.parse(START) + m * 60_000).toISOString();

/**
 * The same hour of work in any world: logons, accesses over every protocol, membership changes,
 * purges and logoffs by the first users on the first machines.
 */
function tail(): Timed[] {
  const out: Timed[] = [];
  const cmd = (m: number, c: SimCommand) => out.push({ at: minutes(60 + m), ...c });
  for (let i = 0; i < 10; i++) {
    const session = `t${i}`;
    const user = `u${i}`;
    cmd(i, { verb: 'logon', args: { user, machine: `WS${i % 3}`, session } });
    cmd(i, { verb: 'access', args: { session, server: 'SRV0', service: 'smb', auth: 'kerberos' } });
    cmd(i, { verb: 'access', args: { session, server: 'SRV1', service: 'http', auth: 'basic' } });
    cmd(i, { verb: 'access', args: { session, server: 'SRV2', service: 'ldap', auth: 'ntlm' } });
    cmd(i, { verb: 'addMember', args: { group: 'g1', member: user } });
    cmd(i, { verb: 'purge', args: { session } });
    cmd(i, { verb: 'access', args: { session, server: 'SRV0', service: 'smb', auth: 'kerberos' } });
  }
  for (let i = 0; i < 10; i++) cmd(20 + i, { verb: 'logoff', args: { session: `t${i}` } });
  return out;
}

/**
 * A world of `users` users, with a logon of every tenth user on a workstation the tail never
 * uses: what a full recompute per event would pay for.
 */
async function world(users: number) {
  const app = await createTestApp();
  const d = enterpriseDomain({ users, groups: Math.max(10, users / 10), machines: 60 });
  const setUp = [...setUpCommands(d)].map(({ at, ...command }) => ({ at, command }));
  const sender = app.get(CommandSender);
  for (let i = 0; i < setUp.length; i += 2000) await sender.batch('cost', setUp.slice(i, i + 2000));
  const logons = [];
  for (let i = 10; i < users; i += 10)
    logons.push({
      at: minutes(1),
      command: {
        verb: 'logon',
        args: { user: `u${i}`, machine: `WS${3 + (i % 50)}`, session: `bg${i}` },
      },
    });
  for (let i = 0; i < logons.length; i += 2000)
    await sender.batch('cost', logons.slice(i, i + 2000) as never);
  const projector = app.get(Projector);
  await projector.settled();
  return { app, sender, projector, background: logons.length };
}

async function tailCost(users: number) {
  const { app, sender, projector, background } = await world(users);
  const before = projector.touched;
  await sender.batch(
    'cost',
    tail().map(({ at, ...command }) => ({ at, command })),
  );
  await projector.settled();
  const cost = projector.touched - before;
  await app.close();
  return { cost, background };
}

describe('projection cost follows what an event changes, not the size of the world', () => {
  it('given worlds of 100 and 10,000 users, when the same hour of work is projected, then it computes the same number of artifacts', async () => {
    const small = await tailCost(100);
    const big = await tailCost(10_000);
    expect(big.background).toBeGreaterThan(100 * small.background);
    expect(small.cost).toBeGreaterThan(0);
    expect(big.cost).toBe(small.cost);
    // A full recompute would touch every live artifact (each background session holds at least a
    // token and a TGT) at each of the tail's events.
    expect(big.cost).toBeLessThan(2 * big.background);
  }, 120_000);
});
