import type { CommandArgs } from '../commands';
import { InvalidArgument, NameTaken, UnknownConnection, UnknownProcess } from '../errors';
import type { HalfName } from '../events';
import { addMs } from '../kerberos/ticket';
import { tokenSourceAtInteractiveLogon } from '../logon/token-source-at-interactive-logon';
import { uacSplitsLogon } from '../logon/uac-splits-logon';
import { connectionOpen, processAlive } from '../machine/liveness';
import { buildToken, tokenWithinSidLimit } from '../token/token';
import type { HalfState, ProcessState, SessionState } from '../world/world-state';
import type { Decision } from './decision';

/** `elevated: true` means the elevated half where the logon was split, else the only half. */
export function halfOf(s: SessionState, elevated: boolean | undefined): HalfState {
  return (elevated && s.halves.get('elevated')) || (s.halves.get('limited') as HalfState);
}

/** Interactive logon (SEMANTICS.md §2–§5): token from the cache entry or truth, UAC halves, TGT, cache refresh. */
export function decideLogon(d: Decision, args: CommandArgs['logon']): void {
  const user = d.principal(args.user, 'user', 'user');
  const m = d.upMachine(args.machine);
  if (d.world.sessions.has(args.session) || d.world.endedSessions.has(args.session))
    throw new NameTaken('session', args.session, 'session');
  const policy = d.policyOf(m);
  const entry = policy.cachedLogonsCount > 0 ? m.logonCache.get(user.sid) : undefined;
  const base = { session: args.session, user: user.name, machine: m.name };
  const source = tokenSourceAtInteractiveLogon({
    hasCacheEntry: !!entry,
    dcReachable: m.dcReachable,
    policy,
  });
  if ('denied' in source) {
    d.emit({ type: 'LogonDenied', data: { ...base, reason: source.denied } });
    return;
  }
  const truth = d.truth(user.sid);
  const membership = source.source === 'logon-cache' && entry ? entry.membership : truth.membership;
  if (!membership) throw new InvalidArgument('user', `"${user.name}" has no directory entry`);
  const logonType = args.type === 'rdp' ? 'rdp' : 'interactive';
  const token = buildToken(membership, logonType);
  if (!tokenWithinSidLimit(token, policy.maxTokenSids)) {
    d.emit({
      type: 'LogonDenied',
      data: {
        ...base,
        reason: 'sid-limit',
        sidCount: token.sids.length,
        limit: policy.maxTokenSids,
      },
    });
    return;
  }
  const halves: HalfName[] = uacSplitsLogon(policy.uac, membership, m.localAdmins)
    ? ['limited', 'elevated']
    : ['limited'];
  d.emit(
    {
      type: 'LoggedOn',
      data: {
        ...base,
        userSid: user.sid,
        machineBoot: m.boot,
        logonType,
        source: source.source,
        offline: source.offline,
        halves,
        token,
      },
    },
    source.source === 'logon-cache' && entry ? entry.eventId : truth.eventId,
  );
  if (source.offline || !truth.membership) return;
  // Online: the session gets a TGT (PAC = truth now) and the cache entry is rewritten with truth now.
  const tgtEventId = d.newId();
  d.events.push({
    eventId: tgtEventId,
    causationId: truth.eventId,
    event: {
      type: 'TgtIssued',
      data: {
        session: args.session,
        halves,
        ticket: {
          id: d.newId(),
          spn: 'krbtgt',
          pac: truth.membership,
          issuedAt: d.at,
          expiresAt: addMs(d.at, policy.maxTicketAge),
          renewUntil: addMs(d.at, policy.maxRenewAge),
          eventId: tgtEventId,
        },
      },
    },
  });
  d.refreshLogonCache(m, user.name, user.sid, {
    membership: truth.membership,
    eventId: truth.eventId,
  });
}

/** Logoff ends both halves, their tickets, processes (not COM servers) and SMB sessions (SEMANTICS.md §10). */
export function decideLogoff(d: Decision, args: CommandArgs['logoff']): void {
  const s = d.liveSession(args.session);
  const survivors = new Set(
    [...s.processes.values()].filter((p) => p.com && processAlive(d.world, p)).map((p) => p.label),
  );
  const endedProcesses = [...s.processes.values()]
    .filter((p) => !p.com && processAlive(d.world, p))
    .map((p) => p.label);
  const closedConnections = [...s.connections.values()]
    .filter((c) => connectionOpen(d.world, c) && !(c.process && survivors.has(c.process)))
    .map((c) => c.label);
  d.emit({ type: 'LoggedOff', data: { session: s.label, endedProcesses, closedConnections } });
}

/** klist purge in one half: tickets only; tokens, connections and server caches stay (SEMANTICS.md §5). */
export function decidePurge(d: Decision, args: CommandArgs['purge']): void {
  const s = d.liveSession(args.session);
  d.emit({
    type: 'TicketsPurged',
    data: { session: s.label, half: halfOf(s, args.elevated).name },
  });
}

/** A new process gets a copy of its half's token and keeps it until it exits (SEMANTICS.md §2, §7). */
export function decideStartProcess(d: Decision, args: CommandArgs['startProcess']): void {
  const s = d.liveSession(args.session);
  if (d.world.processIndex.has(args.process))
    throw new NameTaken('process', args.process, 'process');
  const half = halfOf(s, args.elevated);
  d.emit(
    {
      type: 'ProcessStarted',
      data: {
        session: s.label,
        process: args.process,
        half: half.name,
        com: args.com ?? false,
        token: half.token,
      },
    },
    half.tokenEventId,
  );
}

export function liveProcess(d: Decision, label: string, field = 'process'): ProcessState {
  const session = d.world.processIndex.get(label);
  const p = session ? d.world.sessions.get(session)?.processes.get(label) : undefined;
  if (!p || !processAlive(d.world, p)) throw new UnknownProcess(label, field);
  return p;
}

export function decideEndProcess(d: Decision, args: CommandArgs['endProcess']): void {
  const p = liveProcess(d, args.process);
  const s = d.world.sessions.get(p.session) as SessionState;
  const closedConnections = [...s.connections.values()]
    .filter((c) => c.process === p.label && connectionOpen(d.world, c))
    .map((c) => c.label);
  d.emit({ type: 'ProcessEnded', data: { session: s.label, process: p.label, closedConnections } });
}

export function decideCloseConnection(d: Decision, args: CommandArgs['closeConnection']): void {
  const session = d.world.connectionIndex.get(args.connection);
  const c = session ? d.world.sessions.get(session)?.connections.get(args.connection) : undefined;
  if (!c || !connectionOpen(d.world, c)) throw new UnknownConnection(args.connection);
  d.emit({ type: 'ConnectionClosed', data: { session: c.session, connection: c.label } });
}
