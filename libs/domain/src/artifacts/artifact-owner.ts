import { aggregateOf } from '../events/aggregate';
import type { ServerCacheEvent, SimEvent } from '../events/events';
import { delegationKey } from '../server-cache/delegation-key';
import { key, type World } from '../world/world-state';

/**
 * The part of the world that holds an artifact: a machine (its logon cache, system token and
 * TGT), a logon session (its halves' tokens and tickets, SMB sessions, processes, connections) or
 * one entry of a server's Basic or delegation cache (`server|key`, the cache's own key). An
 * artifact appears or vanishes only when its owner changes, when time passes its expiry, or when
 * a machine it lives on or names restarts.
 */
export type ArtifactOwner =
  `machine:${string}` | `session:${string}` | `basicCache:${string}` | `delegationCache:${string}`;
export type ArtifactOwnerKind = 'machine' | 'session' | 'basicCache' | 'delegationCache';

export const artifactOwner = (kind: ArtifactOwnerKind, id: string): ArtifactOwner =>
  `${kind}:${kind === 'machine' ? key(id) : id}`;

/** A cache entry's owner: its server and the key the cache files it under. */
export const cacheEntryOwner = (
  kind: 'basicCache' | 'delegationCache',
  server: string,
  entryKey: string,
): ArtifactOwner => artifactOwner(kind, `${key(server)}|${entryKey}`);

/** The server and entry key of a cache entry's owner id. */
export function cacheEntryOf(id: string): { server: string; entryKey: string } {
  const bar = id.indexOf('|');
  return { server: id.slice(0, bar), entryKey: id.slice(bar + 1) };
}

export function parseOwner(owner: ArtifactOwner): { kind: ArtifactOwnerKind; id: string } {
  const at = owner.indexOf(':');
  return { kind: owner.slice(0, at) as ArtifactOwnerKind, id: owner.slice(at + 1) };
}

/** Every owner in a world, for a projection that starts from a folded world. */
export function artifactOwners(world: World): ArtifactOwner[] {
  return [
    ...[...world.machines.keys()].map((m) => artifactOwner('machine', m)),
    ...[...world.sessions.keys()].map((s) => artifactOwner('session', s)),
    ...[...world.serverCaches.entries()].flatMap(([server, cache]) => [
      ...[...cache.basic.keys()].map((k) => cacheEntryOwner('basicCache', server, k)),
      ...[...cache.delegation.keys()].map((k) => cacheEntryOwner('delegationCache', server, k)),
    ]),
  ];
}

/** Machine events that change what lives on or names the machine: its boot, services, policy. */
const BEYOND_OWNER = new Set<SimEvent['type']>([
  'MachineBooted',
  'MachineShutDown',
  'ServiceRestarted',
  'MachinePolicyChanged',
  'MachineStartObserved',
  'MachineStopObserved',
]);

/**
 * What an event can change the artifacts of: the owner it belongs to (a cache event: its entry);
 * for a restart, a service restart or a policy change also everything that lives on or names that
 * machine (`machine`: sessions end with it, SMB sessions, connections and cache entries die with
 * its boot or service, the SMB idle timeout is its policy's); a simulation-wide policy change
 * touches every owner. Other directory events change no copy.
 */
export function ownersTouchedBy(event: SimEvent): {
  owners: ArtifactOwner[];
  machine: string | null;
  everything: boolean;
} {
  const ref = aggregateOf(event);
  switch (ref.kind) {
    case 'Domain':
      return { owners: [], machine: null, everything: event.type === 'SimulationPolicyChanged' };
    case 'Machine':
      return {
        owners: [artifactOwner('machine', ref.id)],
        machine: BEYOND_OWNER.has(event.type) ? key(ref.id) : null,
        everything: false,
      };
    case 'Session':
      return { owners: [artifactOwner('session', ref.id)], machine: null, everything: false };
    case 'ServerCache': {
      const cached = event as ServerCacheEvent;
      return {
        owners: [
          cached.type === 'DelegationTicketCached'
            ? cacheEntryOwner('delegationCache', ref.id, delegationKey(cached.data))
            : cacheEntryOwner('basicCache', ref.id, cached.data.userSid),
        ],
        machine: null,
        everything: false,
      };
    }
    default: {
      const never: never = ref.kind;
      throw new Error(`no aggregate kind ${String(never)}`);
    }
  }
}
