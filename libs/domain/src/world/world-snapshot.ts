import type { Membership } from '../directory/membership';
import { adoptMembershipTable, isMembership, MembershipTable } from '../directory/membership-table';
import type { World } from './world-state';

/** Derived from the rest, rebuilt on demand: left out of a snapshot. */
const DERIVED = new Set(['closures', 'refs', 'changed']);

/**
 * Entries per line. A big world's text passes V8's longest string (about 512 MiB) near two
 * million events of a 50,000-user enterprise, so no line holds more than this many entries of one
 * Map or Set (or memberships): a snapshot is as many lines as it needs, each far below the limit.
 */
export const SNAPSHOT_CHUNK = 1000;

type Collection = Map<unknown, unknown> | Set<unknown>;
type Tagged = { $map?: [unknown, unknown][]; $set?: unknown[]; $big?: string };

/**
 * A world as lines of JSON text, for projection snapshots. Maps, Sets and bigints are tagged.
 * Each distinct membership object is written once, on the `["m", [...]]` lines that come first,
 * and referenced as `{"$m":n}` (a world holds one object per distinct membership, so this is most
 * of the text saved). Then the world, `["w", {...}]`; a Map or Set of more than SNAPSHOT_CHUNK
 * entries stands there as `{"$part":n}` and its entries follow on lines `[n, entries]`, after the
 * line that names it. No line holds a newline.
 */
export function serializeWorld(world: World): string[] {
  const memberships = new Map<Membership, number>();
  const parts: Collection[] = [];
  const replacer = (key: string, value: unknown): unknown => {
    if (DERIVED.has(key)) return undefined;
    if (isMembership(value)) {
      let n = memberships.get(value);
      if (n === undefined) memberships.set(value, (n = memberships.size));
      return { $m: n };
    }
    if (value instanceof Map || value instanceof Set) {
      if (value.size <= SNAPSHOT_CHUNK)
        return value instanceof Map ? { $map: [...value.entries()] } : { $set: [...value] };
      parts.push(value);
      return { $part: parts.length - 1, kind: value instanceof Map ? 'map' : 'set' };
    }
    if (typeof value === 'bigint') return { $big: value.toString() };
    return value;
  };
  const body = [JSON.stringify(['w', world], replacer)];
  // Parts found while writing a part's lines are appended, so each comes after the line naming it.
  for (let n = 0; n < parts.length; n++) {
    const entries = parts[n] instanceof Map ? [...parts[n].entries()] : [...parts[n].values()];
    for (let i = 0; i < entries.length; i += SNAPSHOT_CHUNK)
      body.push(JSON.stringify([n, entries.slice(i, i + SNAPSHOT_CHUNK)], replacer));
  }
  const all = [...memberships.keys()];
  const head: string[] = [];
  for (let i = 0; i < all.length; i += SNAPSHOT_CHUNK)
    head.push(JSON.stringify(['m', all.slice(i, i + SNAPSHOT_CHUNK)]));
  return [...head, ...body];
}

export function deserializeWorld(lines: Iterable<string>): World {
  const table = new MembershipTable();
  const memberships: Membership[] = [];
  const parts: Collection[] = [];
  const reviver = (_key: string, value: unknown): unknown => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as Tagged & { $m?: number; $part?: number; kind?: 'map' | 'set' };
      if (v.$m !== undefined) return memberships[v.$m];
      if (v.$map) return new Map(v.$map);
      if (v.$set) return new Set(v.$set);
      if (v.$big !== undefined) return BigInt(v.$big);
      if (v.$part !== undefined) return (parts[v.$part] = v.kind === 'map' ? new Map() : new Set());
    }
    return value;
  };
  let world: World | undefined;
  for (const text of lines) {
    if (text.startsWith('["m",')) {
      const [, some] = JSON.parse(text) as ['m', Membership[]];
      for (const m of some) memberships.push(table.intern(m));
      continue;
    }
    // The world, or a part's entries (membership lines were read above, without the reviver).
    const line = JSON.parse(text, reviver) as ['w', World] | [number, unknown[]];
    if (line[0] === 'w') world = line[1];
    else fill(parts[line[0]], line[1]);
  }
  if (!world) throw new Error('a world snapshot without its world');
  Object.assign(world.directory, { closures: new Map(), refs: new Map(), changed: [] });
  adoptMembershipTable(world, table);
  return world;
}

function fill(part: Collection, entries: unknown[]): void {
  if (part instanceof Map) for (const [k, v] of entries as [unknown, unknown][]) part.set(k, v);
  else for (const v of entries) part.add(v);
}
