import {
  connectionOpen,
  currentBoot,
  key,
  processAlive,
  serverCacheEntryLive,
  sessionAlive,
  smbSessionReuse,
  ticketValid,
  effectivePolicy,
  type Membership,
  type World,
} from '@tokentrail/domain';

export type ArtifactKind =
  | 'logon-cache'
  | 'session-token'
  | 'process-token'
  | 'tgt'
  | 'service-ticket'
  | 'smb-session'
  | 'connection'
  | 'system-token'
  | 'computer-tgt'
  | 'basic-cache'
  | 'delegation-cache';

/** One live credential artifact at a moment: what it carries and the event it came from. */
export interface Artifact {
  kind: ArtifactKind;
  id: string;
  principal: string;
  principalSid: string;
  /** Where it lives: the client machine, or the server for server-side copies. */
  machine: string;
  membership: Membership;
  /** Every SID it carries, well-known ones included, where the artifact is a token. */
  sids?: string[];
  since: string;
  /** When it stops existing by itself, where that is known (ticket expiry, idle SMB, cache TTL). */
  expiresAt?: string;
  eventId: string;
}

/**
 * Every artifact alive at `at` in a world folded up to `at`. Expiry is computed here, at the
 * moment asked (SEMANTICS.md §12); nothing needs timer events.
 */
export function liveArtifacts(world: World, at: string): Artifact[] {
  const out: Artifact[] = [];
  const policyOf = (machine: string) =>
    effectivePolicy(world.directory.policy, world.machines.get(key(machine))?.policy);
  for (const m of world.machines.values()) {
    const computer = { principal: m.name, principalSid: m.sid, machine: m.name };
    for (const e of m.logonCache.values()) {
      out.push({
        kind: 'logon-cache',
        id: `${m.name}/${e.user}`,
        principal: e.user,
        principalSid: e.userSid,
        machine: m.name,
        membership: e.membership,
        since: e.refreshedAt,
        eventId: e.eventId,
      });
    }
    if (!m.up) continue;
    if (m.systemToken && m.systemTokenEventId) {
      out.push({
        kind: 'system-token',
        id: m.name,
        ...computer,
        membership: m.systemToken.membership,
        sids: m.systemToken.sids,
        since: m.bootedAt ?? at,
        eventId: m.systemTokenEventId,
      });
    }
    if (m.computerTgt && ticketValid(m.computerTgt, at)) {
      out.push({
        kind: 'computer-tgt',
        id: m.name,
        ...computer,
        membership: m.computerTgt.pac,
        since: m.computerTgt.issuedAt,
        expiresAt: m.computerTgt.expiresAt,
        eventId: m.computerTgt.eventId,
      });
    }
  }
  for (const s of world.sessions.values()) {
    const alive = sessionAlive(world, s);
    // An ended session holds nothing live, unless a COM server of it outlived the logoff.
    if (!alive && ![...s.processes.values()].some((p) => p.com && p.alive)) continue;
    const who = { principal: s.user, principalSid: s.userSid, machine: s.machine };
    const policy = policyOf(s.machine);
    for (const half of s.halves.values()) {
      const id = `${s.label}/${half.name}`;
      if (alive) {
        out.push({
          kind: 'session-token',
          id,
          ...who,
          membership: half.token.membership,
          sids: half.token.sids,
          since: s.startedAt,
          eventId: half.tokenEventId,
        });
        if (half.tgt && ticketValid(half.tgt, at)) {
          out.push({
            kind: 'tgt',
            id,
            ...who,
            membership: half.tgt.pac,
            since: half.tgt.issuedAt,
            expiresAt: half.tgt.expiresAt,
            eventId: half.tgt.eventId,
          });
        }
        for (const t of half.serviceTickets.values()) {
          if (ticketValid(t, at))
            out.push({
              kind: 'service-ticket',
              id: `${id}/${t.spn}`,
              ...who,
              membership: t.pac,
              since: t.issuedAt,
              expiresAt: t.expiresAt,
              eventId: t.eventId,
            });
        }
      }
      for (const smb of half.smb.values()) {
        const serverBoot = currentBoot(world, smb.server)?.boot ?? null;
        if (alive && smbSessionReuse(smb, at, policy.smbIdleTimeout, serverBoot)) {
          out.push({
            kind: 'smb-session',
            id: `${id}/${smb.server}`,
            ...who,
            machine: smb.server,
            membership: smb.membership,
            since: smb.openedAt,
            expiresAt: new Date(Date.parse(smb.lastUsedAt) + policy.smbIdleTimeout).toISOString(),
            eventId: smb.eventId,
          });
        }
      }
    }
    for (const p of s.processes.values()) {
      if (processAlive(world, p))
        out.push({
          kind: 'process-token',
          id: p.label,
          ...who,
          membership: p.token.membership,
          sids: p.token.sids,
          since: p.startedAt,
          eventId: p.eventId,
        });
    }
    for (const c of s.connections.values()) {
      if (connectionOpen(world, c))
        out.push({
          kind: 'connection',
          id: c.label,
          ...who,
          machine: c.server,
          membership: c.membership,
          since: c.openedAt,
          eventId: c.eventId,
        });
    }
  }
  for (const cache of world.serverCaches.values()) {
    const boot = currentBoot(world, cache.server)?.boot ?? null;
    for (const e of cache.basic.values()) {
      if (serverCacheEntryLive(e, at, boot)) {
        out.push({
          kind: 'basic-cache',
          id: `${cache.server}/${e.user}`,
          principal: e.user,
          principalSid: e.userSid,
          machine: cache.server,
          membership: e.membership,
          since: e.cachedAt,
          expiresAt: e.expiresAt,
          eventId: e.eventId,
        });
      }
    }
    for (const e of cache.delegation.values()) {
      if (serverCacheEntryLive(e, at, boot)) {
        out.push({
          kind: 'delegation-cache',
          id: `${cache.server}/${e.user}/${e.backend}`,
          principal: e.user,
          principalSid: e.userSid,
          machine: cache.server,
          membership: e.membership,
          since: e.cachedAt,
          expiresAt: e.expiresAt,
          eventId: e.eventId,
        });
      }
    }
  }
  return out;
}
