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
import type { LogonType } from '../token/token';
import {
  key,
  type MachineState,
  type ServerCacheState,
  type SessionState,
  type World,
} from '../world/world-state';
import { isNetworkToken, type Artifact } from './artifact';
import { cacheEntryOf, parseOwner, type ArtifactOwner } from './artifact-owner';

type Copy = (a: Omit<Artifact, 'tokenType'> & { tokenType?: LogonType }) => void;

const collector =
  (out: Artifact[]): Copy =>
  (a) =>
    out.push({
      ...a,
      tokenType: a.tokenType ?? (isNetworkToken(a.kind) ? 'network' : null),
    });

/**
 * Every artifact alive at `at` in a world folded up to `at`. Liveness and expiry are the rules of
 * SEMANTICS.md computed at the moment asked (§12); nothing needs timer events.
 */
export function liveArtifacts(world: World, at: string): Artifact[] {
  const out: Artifact[] = [];
  const copy = collector(out);
  for (const m of world.machines.values()) machineArtifacts(world, m, at, copy);
  for (const s of world.sessions.values()) sessionArtifacts(world, s, at, copy);
  for (const cache of world.serverCaches.values()) serverCacheArtifacts(world, cache, at, copy);
  return out;
}

/**
 * The artifacts alive at `at` that one owner's state holds: what a projection recomputes when an
 * event touches that owner (see `ArtifactOwner`), instead of the whole world.
 */
export function ownerArtifacts(world: World, owner: ArtifactOwner, at: string): Artifact[] {
  const out: Artifact[] = [];
  const copy = collector(out);
  const { kind, id } = parseOwner(owner);
  switch (kind) {
    case 'machine': {
      const m = world.machines.get(id);
      if (m) machineArtifacts(world, m, at, copy);
      break;
    }
    case 'session': {
      const s = world.sessions.get(id);
      if (s) sessionArtifacts(world, s, at, copy);
      break;
    }
    case 'basicCache':
    case 'delegationCache': {
      const { server, entryKey } = cacheEntryOf(id);
      const cache = world.serverCaches.get(server);
      if (cache) serverCacheArtifacts(world, cache, at, copy, { kind, entryKey });
      break;
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown artifact owner ${String(never)}`);
    }
  }
  return out;
}

/** A machine's own: logon-cache entries (kept while it is down), its system token and TGT. */
function machineArtifacts(world: World, m: MachineState, at: string, copy: Copy): void {
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
  if (!m.up) return;
  if (m.systemToken && m.systemTokenEventId) {
    copy({
      kind: 'system-token',
      id: m.name,
      ...computer,
      membership: m.systemToken.membership,
      tokenType: m.systemToken.logonType,
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

/** A logon session's: its halves' tokens and tickets, SMB sessions, processes and connections. */
function sessionArtifacts(world: World, s: SessionState, at: string, copy: Copy): void {
  const alive = sessionAlive(world, s);
  // An ended session holds nothing live, unless a COM server of it outlived the logoff.
  if (!alive && !comServerOutlives(world, s)) return;
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
      tokenType: half.token.logonType,
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
        tokenType: p.token.logonType,
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

/**
 * A server's Basic-auth token cache and delegation cache entries (`only`: one entry, by the key
 * its cache files it under).
 */
function serverCacheArtifacts(
  world: World,
  cache: ServerCacheState,
  at: string,
  copy: Copy,
  only?: { kind: 'basicCache' | 'delegationCache'; entryKey: string },
): void {
  const boot = currentBoot(world, cache.server)?.boot ?? null;
  const pick = <T>(kind: 'basicCache' | 'delegationCache', entries: Map<string, T>): T[] => {
    if (!only) return [...entries.values()];
    const e = only.kind === kind ? entries.get(only.entryKey) : undefined;
    return e ? [e] : [];
  };
  for (const e of pick('basicCache', cache.basic)) {
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
  for (const e of pick('delegationCache', cache.delegation)) {
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
