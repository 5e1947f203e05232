import {
  buildToken,
  directoryTruth,
  findPrincipal,
  groupNames,
  key,
  membershipDifference,
  membershipSids,
  InvalidArgument,
  UnknownMachine,
  UnknownPrincipal,
  UnknownSession,
  UnknownProcess,
  type Membership,
  type World,
} from '@tokentrail/domain';
import { liveArtifacts, type Artifact, type ArtifactKind } from './artifact';
import { lineage } from './lineage';
import type { Answer, QueryArgs } from './query';

const NONE: Answer = { none: true };

function of(membership: Membership, sids: string[] = membershipSids(membership)): Answer {
  return { groups: groupNames(membership), sids };
}

function principalSid(world: World, name: string, field = 'principal'): string {
  const p = findPrincipal(world.directory, name);
  if (p) return p.sid;
  // A deleted principal is still known by its name in the log.
  for (const q of world.directory.principals.values())
    if (q.name.toLowerCase() === name.toLowerCase() || q.sid === name) return q.sid;
  throw new UnknownPrincipal(name, field);
}

function halfId(world: World, session: string, elevated?: boolean): string {
  const s = world.sessions.get(session);
  if (!s && world.endedSessions.has(session)) return `${session}/limited`; // ended: nothing of it is live
  if (!s) throw new UnknownSession(session);
  return `${session}/${elevated && s.halves.has('elevated') ? 'elevated' : 'limited'}`;
}

function machineName(world: World, name: string, field = 'machine'): string {
  const m = world.machines.get(key(name));
  if (!m) throw new UnknownMachine(name, field);
  return m.name;
}

function find(artifacts: Artifact[], kind: ArtifactKind, id: string): Artifact | undefined {
  return artifacts.find((a) => a.kind === kind && a.id.toLowerCase() === id.toLowerCase());
}

export function truthAnswer(world: World, args: QueryArgs['truth']): Answer {
  const m = directoryTruth(world.directory, principalSid(world, args.principal));
  return m ? of(m) : NONE;
}

/** Which artifact a token / tgt / smbSession / basicCache / logonCache question is about. */
export function locate(
  world: World,
  kind: 'token' | 'tgt' | 'smbSession' | 'basicCache' | 'logonCache',
  args: QueryArgs['explain'] & { user?: string },
): { kind: ArtifactKind; id: string } {
  switch (kind) {
    case 'token':
      if (args.process) {
        if (!world.processIndex.has(args.process)) throw new UnknownProcess(args.process);
        return { kind: 'process-token', id: args.process };
      }
      if (args.session)
        return { kind: 'session-token', id: halfId(world, args.session, args.elevated) };
      if (args.machine) return { kind: 'system-token', id: machineName(world, args.machine) };
      throw new InvalidArgument('session', 'token needs a session, a process or a machine');
    case 'tgt':
      if (args.session) return { kind: 'tgt', id: halfId(world, args.session, args.elevated) };
      if (args.machine) return { kind: 'computer-tgt', id: machineName(world, args.machine) };
      throw new InvalidArgument('session', 'tgt needs a session or a machine');
    case 'smbSession':
      if (!args.session) throw new InvalidArgument('session', 'smbSession needs a session');
      if (!args.server) throw new InvalidArgument('server', 'smbSession needs a server');
      return {
        kind: 'smb-session',
        id: `${halfId(world, args.session, args.elevated)}/${machineName(world, args.server, 'server')}`,
      };
    case 'basicCache':
      if (!args.server || !args.user)
        throw new InvalidArgument(
          args.server ? 'user' : 'server',
          'basicCache needs a server and a user',
        );
      return {
        kind: 'basic-cache',
        id: `${machineName(world, args.server, 'server')}/${findPrincipal(world.directory, args.user)?.name ?? args.user}`,
      };
    case 'logonCache':
      if (!args.machine || !args.user)
        throw new InvalidArgument(
          args.machine ? 'user' : 'machine',
          'logonCache needs a machine and a user',
        );
      principalSid(world, args.user, 'user');
      return {
        kind: 'logon-cache',
        id: `${machineName(world, args.machine)}/${findPrincipal(world.directory, args.user)?.name ?? args.user}`,
      };
  }
}

/** token, tgt, logonCache, basicCache and smbSession: the artifact's groups at T, or none. */
export function artifactAnswer(
  world: World,
  at: string,
  kind: 'token' | 'tgt' | 'smbSession' | 'basicCache' | 'logonCache',
  args: QueryArgs['explain'] & { user?: string },
): Answer {
  const where = locate(world, kind, args);
  const a = find(liveArtifacts(world, at), where.kind, where.id);
  if (!a) return NONE;
  const sids =
    a.sids ??
    (kind === 'smbSession' || kind === 'basicCache'
      ? buildToken(a.membership, 'network').sids
      : membershipSids(a.membership));
  return of(a.membership, sids);
}

/** SEMANTICS.md §11: every live artifact whose groups differ from its principal's truth at T. */
export function staleAnswer(world: World, at: string, args: QueryArgs['stale']): Answer {
  const only = args.principal ? principalSid(world, args.principal) : null;
  const items: Record<string, unknown>[] = [];
  for (const a of liveArtifacts(world, at)) {
    if (only && a.principalSid !== only) continue;
    const truth = directoryTruth(world.directory, a.principalSid);
    const { missing, lingering } = truth
      ? membershipDifference(a.membership, truth)
      : { missing: [], lingering: groupNames(a.membership) };
    if (missing.length === 0 && lingering.length === 0) continue;
    // Stale since the later of: the artifact's birth, the directory change that made truth differ.
    const changed =
      world.events.get(world.directory.truthEvent.get(a.principalSid) ?? '')?.occurredAt ?? a.since;
    const since = Date.parse(changed) > Date.parse(a.since) ? changed : a.since;
    items.push({
      kind: a.kind,
      id: a.id,
      principal: a.principal,
      machine: a.machine,
      missing,
      lingering,
      since: new Date(since).toISOString(),
      ...(a.expiresAt ? { expiresAt: a.expiresAt } : {}),
    });
  }
  items.sort(
    (x, y) =>
      String(x.kind).localeCompare(String(y.kind)) || String(x.id).localeCompare(String(y.id)),
  );
  return { items };
}

/** SEMANTICS.md §11: the chain of events an artifact's (or an access's) SIDs came from, oldest first. */
export function explainAnswer(world: World, at: string, args: QueryArgs['explain']): Answer {
  let eventId: string | undefined;
  if (args.access) {
    eventId = world.accessIndex.get(args.access);
    if (!eventId)
      throw new InvalidArgument('access', `no access "${args.access}" at or before ${at}`);
  } else {
    const kind =
      args.of ?? (args.server && args.user ? 'basicCache' : args.server ? 'smbSession' : 'token');
    const where = locate(world, kind, args);
    eventId = find(liveArtifacts(world, at), where.kind, where.id)?.eventId;
    if (!eventId) return NONE;
  }
  const items = lineage(world, eventId);
  const last = world.events.get(eventId);
  const membership = last ? membershipIn(last.event.data as Record<string, unknown>) : null;
  return { ...(membership ? { groups: groupNames(membership) } : {}), items };
}

/** The membership an event copied, wherever its payload keeps it. */
export function membershipIn(data: Record<string, unknown>): Membership | null {
  const m = (data.membership ??
    (data.token as { membership?: Membership } | undefined)?.membership ??
    (data.ticket as { pac?: Membership } | undefined)?.pac ??
    (data.systemToken as { membership?: Membership } | undefined)?.membership) as
    Membership | undefined | null;
  return m ?? null;
}
