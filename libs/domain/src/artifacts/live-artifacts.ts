import { ticketValid } from '../kerberos/ticket';
import {
  comServerOutlives,
  connectionOpen,
  currentBoot,
  processAlive,
  sessionAlive,
} from '../machine/liveness';
import { smbSessionIdleExpiry, smbSessionReuse } from '../network/smb-session-reuse';
import { effectivePolicy } from '../policy';
import { serverCacheEntryLive } from '../server-cache/server-cache-entry-live';
import { tokenSids } from '../token/token';
import { key, type World } from '../world/world-state';
import { copiedSids, type Artifact } from './artifact';

/**
 * Every artifact alive at `at` in a world folded up to `at`. Liveness and expiry are the rules of
 * SEMANTICS.md computed at the moment asked (§12); nothing needs timer events.
 */
export function liveArtifacts(world: World, at: string): Artifact[] {
  const out: Artifact[] = [];
  const copy = (a: Omit<Artifact, 'sids'> & { sids?: string[] }) =>
    out.push({ ...a, sids: a.sids ?? copiedSids(a.kind, a.membership) });
  for (const m of world.machines.values()) {
    const computer = { principal: m.name, principalSid: m.sid, machine: m.name };
    for (const e of m.logonCache.values()) {
      copy({
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
      copy({
        kind: 'system-token',
        id: m.name,
        ...computer,
        membership: m.systemToken.membership,
        sids: tokenSids(m.systemToken),
        since: m.bootedAt ?? at,
        eventId: m.systemTokenEventId,
      });
    }
    if (m.computerTgt && ticketValid(m.computerTgt, at)) {
      const t = m.computerTgt;
      copy({
        kind: 'computer-tgt',
        id: m.name,
        ...computer,
        membership: t.pac,
        since: t.issuedAt,
        expiresAt: t.expiresAt,
        eventId: t.eventId,
      });
    }
  }
  for (const s of world.sessions.values()) {
    const alive = sessionAlive(world, s);
    // An ended session holds nothing live, unless a COM server of it outlived the logoff.
    if (!alive && !comServerOutlives(world, s)) continue;
    const who = { principal: s.user, principalSid: s.userSid, machine: s.machine };
    const policy = effectivePolicy(
      world.directory.policy,
      world.machines.get(key(s.machine))?.policy,
    );
    for (const half of s.halves.values()) {
      if (!alive) continue;
      const id = `${s.label}/${half.name}`;
      copy({
        kind: 'session-token',
        id,
        ...who,
        membership: half.token.membership,
        sids: tokenSids(half.token),
        since: s.startedAt,
        eventId: half.tokenEventId,
      });
      if (half.tgt && ticketValid(half.tgt, at)) {
        const t = half.tgt;
        copy({
          kind: 'tgt',
          id,
          ...who,
          membership: t.pac,
          since: t.issuedAt,
          expiresAt: t.expiresAt,
          eventId: t.eventId,
        });
      }
      for (const t of half.serviceTickets.values()) {
        if (ticketValid(t, at)) {
          copy({
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
        if (!smbSessionReuse(smb, at, policy.smbIdleTimeout, serverBoot)) continue;
        copy({
          kind: 'smb-session',
          id: `${id}/${smb.server}`,
          ...who,
          machine: smb.server,
          membership: smb.membership,
          since: smb.openedAt,
          expiresAt: smbSessionIdleExpiry(smb, policy.smbIdleTimeout),
          eventId: smb.eventId,
        });
      }
    }
    for (const p of s.processes.values()) {
      if (processAlive(world, p)) {
        copy({
          kind: 'process-token',
          id: p.label,
          ...who,
          membership: p.token.membership,
          sids: tokenSids(p.token),
          since: p.startedAt,
          eventId: p.eventId,
        });
      }
    }
    for (const c of s.connections.values()) {
      if (connectionOpen(world, c)) {
        copy({
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
  }
  for (const cache of world.serverCaches.values()) {
    const boot = currentBoot(world, cache.server)?.boot ?? null;
    for (const e of cache.basic.values()) {
      if (!serverCacheEntryLive(e, at, boot)) continue;
      copy({
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
    for (const e of cache.delegation.values()) {
      if (!serverCacheEntryLive(e, at, boot)) continue;
      copy({
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
  return out;
}
