import {
  InvalidArgument,
  artifactSids,
  groupNames,
  membershipSids,
  staleness,
  type Answer,
  type ArtifactKind,
  type Membership,
  type QueryArgs,
} from '@tokentrail/domain';
import type { AnswerSource, Names } from './answer-source';
import { lineage } from './lineage';

const NONE: Answer = { none: true };

const of = (membership: Membership, sids: string[] = membershipSids(membership)): Answer => ({
  groups: groupNames(membership),
  sids,
});

export type ArtifactQuery = 'token' | 'tgt' | 'smbSession' | 'basicCache' | 'logonCache';

/** Which artifact a token / tgt / smbSession / basicCache / logonCache question is about. */
export function locate(
  names: Names,
  kind: ArtifactQuery,
  args: QueryArgs['explain'],
): { kind: ArtifactKind; id: string } {
  switch (kind) {
    case 'token':
      if (args.process) {
        names.process(args.process);
        return { kind: 'process-token', id: args.process };
      }
      if (args.session)
        return { kind: 'session-token', id: names.half(args.session, args.elevated) };
      if (args.machine) return { kind: 'system-token', id: names.machine(args.machine, 'machine') };
      throw new InvalidArgument('session', 'token needs a session, a process or a machine');
    case 'tgt':
      if (args.session) return { kind: 'tgt', id: names.half(args.session, args.elevated) };
      if (args.machine) return { kind: 'computer-tgt', id: names.machine(args.machine, 'machine') };
      throw new InvalidArgument('session', 'tgt needs a session or a machine');
    case 'smbSession':
      if (!args.session) throw new InvalidArgument('session', 'smbSession needs a session');
      if (!args.server) throw new InvalidArgument('server', 'smbSession needs a server');
      return {
        kind: 'smb-session',
        id: `${names.half(args.session, args.elevated)}/${names.machine(args.server, 'server')}`,
      };
    case 'basicCache':
      if (!args.server || !args.user)
        throw new InvalidArgument(
          args.server ? 'user' : 'server',
          'basicCache needs a server and a user',
        );
      return {
        kind: 'basic-cache',
        id: `${names.machine(args.server, 'server')}/${names.principal(args.user, 'user').name}`,
      };
    case 'logonCache':
      if (!args.machine || !args.user)
        throw new InvalidArgument(
          args.machine ? 'user' : 'machine',
          'logonCache needs a machine and a user',
        );
      return {
        kind: 'logon-cache',
        id: `${names.machine(args.machine, 'machine')}/${names.principal(args.user, 'user').name}`,
      };
    default: {
      const never: never = kind;
      throw new Error(`not an artifact question: ${String(never)}`);
    }
  }
}

export function truthAnswer(source: AnswerSource, args: QueryArgs['truth']): Answer {
  const { membership } = source.truth(source.names.principal(args.principal, 'principal').sid);
  return membership ? of(membership) : NONE;
}

/** token, tgt, logonCache, basicCache and smbSession: the artifact's groups at T, or none. */
export function artifactAnswer(
  source: AnswerSource,
  kind: ArtifactQuery,
  args: QueryArgs['explain'],
): Answer {
  const where = locate(source.names, kind, args);
  const a = source.artifact(where.kind, where.id);
  return a ? of(a.membership, artifactSids(a)) : NONE;
}

/**
 * SEMANTICS.md §11: every live artifact (of one principal, or on one machine, when asked) whose
 * groups differ from its principal's truth at T.
 */
export function staleAnswer(source: AnswerSource, args: QueryArgs['stale']): Answer {
  const only = {
    principalSid: args.principal
      ? source.names.principal(args.principal, 'principal').sid
      : undefined,
    machine: args.machine ? source.names.machine(args.machine, 'machine') : undefined,
  };
  const items: Record<string, unknown>[] = [];
  for (const a of source.artifacts(only)) {
    const truth = source.truth(a.principalSid);
    const stale = staleness(a, truth.membership, truth.changedAt);
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
export function explainAnswer(source: AnswerSource, args: QueryArgs['explain']): Answer {
  let eventId: string | undefined;
  if (args.access) {
    eventId = source.names.access(args.access);
    if (!eventId)
      throw new InvalidArgument('access', `no access "${args.access}" at or before ${source.at}`);
  } else {
    const kind =
      args.of ?? (args.server && args.user ? 'basicCache' : args.server ? 'smbSession' : 'token');
    const where = locate(source.names, kind, args);
    eventId = source.artifact(where.kind, where.id)?.eventId;
    if (!eventId) return NONE;
  }
  const items = lineage(source.events, eventId);
  const copied = source.events.get(eventId)?.detail?.copied;
  return { ...(copied ? { groups: copied as string[] } : {}), items };
}
