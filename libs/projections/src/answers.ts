import {
  InvalidArgument,
  UnknownMachine,
  UnknownPrincipal,
  UnknownProcess,
  UnknownSession,
  directoryTruth,
  findPrincipal,
  groupNames,
  key,
  liveArtifacts,
  membershipOf,
  membershipSids,
  staleness,
  type Answer,
  type Artifact,
  type ArtifactKind,
  type Membership,
  type QueryArgs,
  type World,
} from '@tokentrail/domain';
import type { EventLookup } from './event-lookup';
import { lineage } from './lineage';

const NONE: Answer = { none: true };

const of = (membership: Membership, sids: string[] = membershipSids(membership)): Answer => ({
  groups: groupNames(membership),
  sids,
});

/** A principal the log knows (live, deleted or renamed), by name, former name or SID. */
function principalSid(world: World, name: string, field = 'principal'): string {
  const p = findPrincipal(world.directory, name, true);
  if (!p) throw new UnknownPrincipal(name, field);
  return p.sid;
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

const principalName = (world: World, name: string, field: string) =>
  world.directory.principals.get(principalSid(world, name, field))?.name ?? name;

export type ArtifactQuery = 'token' | 'tgt' | 'smbSession' | 'basicCache' | 'logonCache';

/** Which artifact a token / tgt / smbSession / basicCache / logonCache question is about. */
export function locate(
  world: World,
  kind: ArtifactQuery,
  args: QueryArgs['explain'],
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
        id: `${machineName(world, args.server, 'server')}/${principalName(world, args.user, 'user')}`,
      };
    case 'logonCache':
      if (!args.machine || !args.user)
        throw new InvalidArgument(
          args.machine ? 'user' : 'machine',
          'logonCache needs a machine and a user',
        );
      return {
        kind: 'logon-cache',
        id: `${machineName(world, args.machine)}/${principalName(world, args.user, 'user')}`,
      };
    default: {
      const never: never = kind;
      throw new Error(`not an artifact question: ${String(never)}`);
    }
  }
}

function find(
  world: World,
  at: string,
  where: { kind: ArtifactKind; id: string },
): Artifact | undefined {
  const id = where.id.toLowerCase();
  return liveArtifacts(world, at).find((a) => a.kind === where.kind && a.id.toLowerCase() === id);
}

export function truthAnswer(world: World, args: QueryArgs['truth']): Answer {
  const m = directoryTruth(world.directory, principalSid(world, args.principal));
  return m ? of(m) : NONE;
}

/** token, tgt, logonCache, basicCache and smbSession: the artifact's groups at T, or none. */
export function artifactAnswer(
  world: World,
  at: string,
  kind: ArtifactQuery,
  args: QueryArgs['explain'],
): Answer {
  const a = find(world, at, locate(world, kind, args));
  return a ? of(a.membership, a.sids) : NONE;
}

/** SEMANTICS.md §11: every live artifact whose groups differ from its principal's truth at T. */
export function staleAnswer(world: World, at: string, args: QueryArgs['stale']): Answer {
  const only = args.principal ? principalSid(world, args.principal) : null;
  const items: Record<string, unknown>[] = [];
  for (const a of liveArtifacts(world, at)) {
    if (only && a.principalSid !== only) continue;
    const stale = staleness(world, a);
    if (!stale) continue;
    items.push({
      kind: a.kind,
      id: a.id,
      principal: a.principal,
      machine: a.machine,
      missing: stale.missing,
      lingering: stale.lingering,
      since: stale.since,
      ...(a.expiresAt ? { expiresAt: a.expiresAt } : {}),
    });
  }
  items.sort(
    (x, y) =>
      String(x.kind).localeCompare(String(y.kind)) || String(x.id).localeCompare(String(y.id)),
  );
  return { items };
}

/**
 * SEMANTICS.md §11: the chain of events an artifact's (or an access's) SIDs came from, oldest
 * first.
 */
export function explainAnswer(
  world: World,
  events: EventLookup,
  at: string,
  args: QueryArgs['explain'],
): Answer {
  let eventId: string | undefined;
  if (args.access) {
    eventId = world.accessIndex.get(args.access);
    if (!eventId)
      throw new InvalidArgument('access', `no access "${args.access}" at or before ${at}`);
  } else {
    const kind =
      args.of ?? (args.server && args.user ? 'basicCache' : args.server ? 'smbSession' : 'token');
    eventId = find(world, at, locate(world, kind, args))?.eventId;
    if (!eventId) return NONE;
  }
  const items = lineage(events, eventId);
  const last = events.get(eventId);
  const membership = last ? membershipOf(last.event) : null;
  return { ...(membership ? { groups: groupNames(membership) } : {}), items };
}
