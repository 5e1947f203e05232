import { evolveDirectory } from '../directory/evolve-directory';
import { internEventMemberships, membershipTableOf } from '../directory/membership-table';
import { aggregateOf } from '../events/aggregate';
import type { Envelope } from '../events/envelope';
import type {
  DomainEvent,
  MachineEvent,
  ServerCacheEvent,
  SessionEvent,
  SimEvent,
} from '../events/events';
import { evolveMachine } from '../machine/evolve-machine';
import { recordSource } from '../observe/observation';
import { evolveServerCache } from '../server-cache/evolve-server-cache';
import { evolveSession } from '../session/evolve-session';
import type { World } from '../world/world-state';

const is =
  <E extends SimEvent>(kind: ReturnType<typeof aggregateOf>['kind']) =>
  (event: SimEvent): event is E =>
    aggregateOf(event).kind === kind;
export const isDomainEvent = is<DomainEvent>('Domain');
export const isMachineEvent = is<MachineEvent>('Machine');
export const isSessionEvent = is<SessionEvent>('Session');
export const isServerCacheEvent = is<ServerCacheEvent>('ServerCache');

/** The owning aggregate's part of the fold: each aggregate applies its own events. */
export function evolveOwner(world: World, e: Envelope): void {
  const { event } = e;
  internEventMemberships(membershipTableOf(world), event.data);
  if (isDomainEvent(event)) evolveDirectory(world.directory, event, e);
  else if (isMachineEvent(event)) evolveMachine(world, event, e);
  else if (isSessionEvent(event)) evolveSession(world, event, e);
  else if (isServerCacheEvent(event)) evolveServerCache(world, event, e);
}

/**
 * The simulation's part of the fold: where the log stands, what it imported, how far each run got.
 */
export function advance(world: World, e: Envelope): void {
  world.position = e.position;
  world.lastOccurredAt = e.occurredAt;
  world.lastGlobalPosition = e.globalPosition;
  if (!world.maxOccurredAt || e.occurredAt > world.maxOccurredAt)
    world.maxOccurredAt = e.occurredAt;
  const record = (e.event.data as { record?: Parameters<typeof recordSource>[0] }).record;
  if (record) {
    const source = recordSource(record);
    let seen = world.importedRecords.get(source.key);
    if (!seen) world.importedRecords.set(source.key, (seen = new Set()));
    seen.add(source.id);
  }
  if (e.correlationId !== null && e.command !== null) {
    const done = world.runProgress.get(e.correlationId) ?? -1;
    if (e.command > done) world.runProgress.set(e.correlationId, e.command);
  }
}

/**
 * Folds one stored event into the world it is given and returns it. Deterministic and free of
 * I/O; it updates in place the world its caller owns (a fold), because copying a directory of
 * tens of thousands of principals for every event would make a rebuild quadratic.
 */
export function evolve(world: World, e: Envelope): World {
  evolveOwner(world, e);
  advance(world, e);
  return world;
}
