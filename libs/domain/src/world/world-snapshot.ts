import type { World } from './world-state';

/** Derived from the rest, rebuilt on demand: left out of a snapshot. */
const DERIVED = new Set(['closures', 'refs', 'changed']);

/** A world as text, for projection snapshots: Maps, Sets and bigints are tagged. */
export function serializeWorld(world: World): string {
  return JSON.stringify(world, (key, value: unknown) => {
    if (DERIVED.has(key)) return undefined;
    if (value instanceof Map) return { $map: [...value.entries()] };
    if (value instanceof Set) return { $set: [...value.values()] };
    if (typeof value === 'bigint') return { $big: value.toString() };
    return value;
  });
}

export function deserializeWorld(text: string): World {
  const world = JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as { $map?: [unknown, unknown][]; $set?: unknown[]; $big?: string };
      if (v.$map) return new Map(v.$map);
      if (v.$set) return new Set(v.$set);
      if (v.$big !== undefined) return BigInt(v.$big);
    }
    return value;
  }) as World;
  Object.assign(world.directory, { closures: new Map(), refs: new Map(), changed: [] });
  return world;
}
