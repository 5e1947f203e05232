import { fact, type Decided } from '../decider/decided';
import { liveSession, policyOf, principal, truthNow, upMachine } from '../decider/reads';
import { InvalidArgument, NameTaken, UnknownConnection, UnknownProcess } from '../errors';
import type { HalfName } from '../events/events';
import { newTgt } from '../kerberos/ticket';
import { refreshLogonCache } from '../logon/refresh-logon-cache';
import { tokenSourceAtInteractiveLogon } from '../logon/token-source-at-interactive-logon';
import { uacSplitsLogon } from '../logon/uac-splits-logon';
import { connectionOpen, processAlive } from '../machine/liveness';
import type { CommandArgs } from '../schema/verbs';
import { buildToken, tokenSids, tokenWithinSidLimit } from '../token/token';
import type { HalfState, ProcessState, SessionState, World } from '../world/world-state';

/** `elevated: true` means the elevated half where the logon was split, else the only half. */
export function halfOf(s: SessionState, elevated: boolean | undefined): HalfState {
  return (elevated && s.halves.get('elevated')) || (s.halves.get('limited') as HalfState);
}

/**
 * Interactive logon (SEMANTICS.md §2–§5): token from the cache entry or truth, UAC halves, TGT,
 * cache refresh.
 */
export function decideLogon(world: World, args: CommandArgs['logon'], at: string): Decided[] {
  const user = principal(world, args.user, 'user', 'user');
  const m = upMachine(world, args.machine);
  if (world.sessions.has(args.session) || world.endedSessions.has(args.session)) {
    throw new NameTaken('session', args.session, 'session');
  }
  const policy = policyOf(world, m);
  const entry = policy.cachedLogonsCount > 0 ? m.logonCache.get(user.sid) : undefined;
  const base = { session: args.session, user: user.name, machine: m.name };
  const source = tokenSourceAtInteractiveLogon({
    hasCacheEntry: !!entry,
    dcReachable: m.dcReachable,
    policy,
  });
  if ('denied' in source)
    return [fact({ type: 'LogonDenied', data: { ...base, reason: source.denied } })];
  const truth = truthNow(world, user.sid);
  const fromCache = source.source === 'logon-cache' && entry;
  const membership = fromCache ? entry.membership : truth.membership;
  if (!membership) throw new InvalidArgument('user', `"${user.name}" has no directory entry`);
  const logonType = args.type === 'rdp' ? 'rdp' : 'interactive';
  const token = buildToken(membership, logonType);
  if (!tokenWithinSidLimit(token, policy.maxTokenSids)) {
    return [
      fact({
        type: 'LogonDenied',
        data: {
          ...base,
          reason: 'sid-limit',
          sidCount: tokenSids(token).length,
          limit: policy.maxTokenSids,
        },
      }),
    ];
  }
  const halves: HalfName[] = uacSplitsLogon(policy.uac, membership, m.localAdmins)
    ? ['limited', 'elevated']
    : ['limited'];
  const loggedOn = fact(
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
    fromCache ? entry.eventId : truth.cause,
  );
  if (source.offline || !truth.membership) return [loggedOn];
  // Online: the session gets a TGT (PAC = truth now) and the cache entry is rewritten with truth
  // now.
  const ticket = newTgt(truth.membership, at, policy.maxTicketAge, policy.maxRenewAge);
  return [
    loggedOn,
    fact({ type: 'TgtIssued', data: { session: args.session, halves, ticket } }, truth.cause),
    ...refreshLogonCache(
      world,
      m,
      { name: user.name, sid: user.sid },
      { membership: truth.membership, cause: truth.cause },
    ),
  ];
}

/**
 * Logoff ends both halves, their tickets, processes (not COM servers) and SMB sessions
 * (SEMANTICS.md §10).
 */
export function decideLogoff(world: World, args: CommandArgs['logoff']): Decided[] {
  const s = liveSession(world, args.session);
  const processes = [...s.processes.values()].filter((p) => processAlive(world, p));
  const survivors = new Set(processes.filter((p) => p.com).map((p) => p.label));
  const closedConnections = [...s.connections.values()]
    .filter((c) => connectionOpen(world, c) && !(c.process && survivors.has(c.process)))
    .map((c) => c.label);
  const endedProcesses = processes.filter((p) => !p.com).map((p) => p.label);
  return [
    fact({ type: 'LoggedOff', data: { session: s.label, endedProcesses, closedConnections } }),
  ];
}

/**
 * klist purge in one half: tickets only; tokens, connections and server caches stay (SEMANTICS.md
 * §5).
 */
export function decidePurge(world: World, args: CommandArgs['purge']): Decided[] {
  const s = liveSession(world, args.session);
  return [
    fact({
      type: 'TicketsPurged',
      data: { session: s.label, half: halfOf(s, args.elevated).name },
    }),
  ];
}

/**
 * A new process gets a copy of its half's token and keeps it until it exits (SEMANTICS.md §2, §7).
 */
export function decideStartProcess(world: World, args: CommandArgs['startProcess']): Decided[] {
  const s = liveSession(world, args.session);
  if (world.processIndex.has(args.process)) throw new NameTaken('process', args.process, 'process');
  const half = halfOf(s, args.elevated);
  return [
    fact(
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
    ),
  ];
}

export function liveProcess(world: World, label: string, field = 'process'): ProcessState {
  const session = world.processIndex.get(label);
  const p = session ? world.sessions.get(session)?.processes.get(label) : undefined;
  if (!p || !processAlive(world, p)) throw new UnknownProcess(label, field);
  return p;
}

export function decideEndProcess(world: World, args: CommandArgs['endProcess']): Decided[] {
  const p = liveProcess(world, args.process);
  const s = world.sessions.get(p.session) as SessionState;
  const closedConnections = [...s.connections.values()]
    .filter((c) => c.process === p.label && connectionOpen(world, c))
    .map((c) => c.label);
  return [
    fact({ type: 'ProcessEnded', data: { session: s.label, process: p.label, closedConnections } }),
  ];
}

export function decideCloseConnection(
  world: World,
  args: CommandArgs['closeConnection'],
): Decided[] {
  const session = world.connectionIndex.get(args.connection);
  const c = session ? world.sessions.get(session)?.connections.get(args.connection) : undefined;
  if (!c || !connectionOpen(world, c)) throw new UnknownConnection(args.connection);
  return [fact({ type: 'ConnectionClosed', data: { session: c.session, connection: c.label } })];
}
