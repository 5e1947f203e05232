import { describe, expect, it } from 'vitest';
import { newMachine } from '../machine/evolve-machine';
import { deserializeWorld, serializeWorld, SNAPSHOT_CHUNK } from './world-snapshot';
import { emptyWorld, type LogonCacheEntry } from './world-state';

const entry = (i: number): LogonCacheEntry => ({
  user: `u${i}`,
  userSid: `S-1-5-21-1-2-3-${1000 + i}`,
  membership: {
    principal: { name: `u${i}`, sid: `S-1-5-21-1-2-3-${1000 + i}`, sidHistory: [] },
    groups: [],
  },
  refreshedAt: '2026-03-02T09:00:00.000Z',
  lastUsed: i,
  eventId: `e${i}`,
});

/** More machines than a line holds, one of them with a logon cache bigger than a line too. */
function bigWorld() {
  const world = emptyWorld();
  for (let m = 0; m < SNAPSHOT_CHUNK * 2 + 1; m++)
    world.machines.set(`WS${m}`, newMachine(`WS${m}`, `S-1-5-21-1-2-3-${m}`, {}));
  const ws7 = world.machines.get('WS7');
  for (let i = 0; i < SNAPSHOT_CHUNK + 1; i++) ws7?.logonCache.set(`u${i}`, entry(i));
  for (let s = 0; s < SNAPSHOT_CHUNK * 3; s++) world.endedSessions.add(`s${s}`);
  world.lastGlobalPosition = 12_345_678_901_234n;
  world.position = 42;
  return world;
}

describe('world snapshots', () => {
  it('given a small world, then it is one line and comes back equal', () => {
    const world = emptyWorld();
    world.machines.set('WS1', newMachine('WS1', 'S-1-5-21-1-2-3-1', {}));
    const lines = serializeWorld(world);
    expect(lines).toHaveLength(1);
    expect(deserializeWorld(lines)).toEqual(world);
  });

  it('given Maps and Sets bigger than a line, even one inside another, then each is cut into lines of at most SNAPSHOT_CHUNK entries and the world comes back equal', () => {
    const world = bigWorld();
    const lines = serializeWorld(world);
    // 2 lines of memberships (1,001 distinct); the world; 3 lines of machines; 2 of WS7's logon
    // cache; 3 of ended sessions
    expect(lines).toHaveLength(2 + 1 + 3 + 2 + 3);
    for (const line of lines) expect(line).not.toContain('\n');
    const back = deserializeWorld(lines);
    expect(back).toEqual(world);
    expect(back.machines.get('WS7')?.logonCache.get('u1000')?.lastUsed).toBe(1000);
    expect(back.lastGlobalPosition).toBe(12_345_678_901_234n);
  });

  it('given a world whose memo holds closures, then the snapshot leaves them out and they come back empty', () => {
    const world = emptyWorld();
    world.directory.closures.set('S-1-5-21-1-2-3-1', entry(1).membership);
    const back = deserializeWorld(serializeWorld(world));
    expect(back.directory.closures.size).toBe(0);
  });

  it('given one membership held by two copies, then it is written once and read back as one object', () => {
    const world = emptyWorld();
    const ws1 = newMachine('WS1', 'S-1-5-21-1-2-3-1', {});
    const shared = entry(1).membership;
    ws1.logonCache.set('a', { ...entry(1), membership: shared });
    ws1.logonCache.set('b', { ...entry(2), membership: shared });
    world.machines.set('WS1', ws1);
    const lines = serializeWorld(world);
    expect(lines.filter((l) => l.startsWith('["m",'))).toEqual([JSON.stringify(['m', [shared]])]);
    const back = deserializeWorld(lines).machines.get('WS1')?.logonCache;
    expect(back?.get('a')?.membership).toBe(back?.get('b')?.membership);
    expect(back?.get('a')?.membership).toEqual(shared);
  });

  it('given no lines, then it says the snapshot is empty', () => {
    expect(() => deserializeWorld([])).toThrow('a world snapshot without its world');
  });
});
