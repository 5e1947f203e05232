import { fact, type Decided } from '../decider/decided';
import { policyOf } from '../decider/reads';
import type { Membership } from '../directory/membership';
import { addMs } from '../kerberos/ticket';
import type { MachineState, World } from '../world/world-state';

/** SEMANTICS.md §9: after a Basic logon the server caches the token for its basicTokenTtl. */
export function cacheBasicToken(
  world: World,
  server: MachineState,
  user: { name: string; sid: string },
  truth: { membership: Membership; cause: string | null },
  at: string,
): Decided<Extract<Decided['event'], { type: 'BasicTokenCached' }>> {
  return fact(
    {
      type: 'BasicTokenCached',
      data: {
        server: server.name,
        serverBoot: server.boot,
        user: user.name,
        userSid: user.sid,
        membership: truth.membership,
        expiresAt: addMs(at, policyOf(world, server).basicTokenTtl),
      },
    },
    truth.cause,
  );
}
