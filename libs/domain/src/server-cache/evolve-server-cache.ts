import type { Envelope } from '../events/envelope';
import type { ServerCacheEvent } from '../events/events';
import { key, type ServerCacheState, type World } from '../world/world-state';
import { delegationKey } from './delegation-key';

function cache(world: World, server: string): ServerCacheState {
  let c = world.serverCaches.get(key(server));
  if (!c)
    world.serverCaches.set(key(server), (c = { server, basic: new Map(), delegation: new Map() }));
  return c;
}

/** Folds one event of a server's credential caches into the world it is given. */
export function evolveServerCache(world: World, event: ServerCacheEvent, e: Envelope): void {
  const d = event.data;
  const c = cache(world, d.server);
  const entry = {
    user: d.user,
    userSid: d.userSid,
    serverBoot: d.serverBoot,
    membership: d.membership,
    cachedAt: e.occurredAt,
    expiresAt: d.expiresAt,
    eventId: e.eventId,
  };
  switch (event.type) {
    case 'BasicTokenCached':
      c.basic.set(d.userSid, entry);
      return;
    case 'DelegationTicketCached':
      c.delegation.set(delegationKey(event.data), {
        ...entry,
        backend: event.data.backend,
      });
      return;
    default: {
      const never: never = event;
      throw new Error(`unhandled server cache event ${JSON.stringify(never)}`);
    }
  }
}
