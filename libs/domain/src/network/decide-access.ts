import { fact, type Cause, type Decided } from '../decider/decided';
import { liveSession, policyOf, truthNow, upMachine } from '../decider/reads';
import type { Membership } from '../directory/membership';
import { InvalidArgument } from '../errors';
import type { AccessSource, DataOf } from '../events/events';
import {
  addMs,
  renewedTgt,
  newTgt,
  serviceTicketFrom,
  tgtAtRequest,
  ticketValid,
  type Ticket,
} from '../kerberos/ticket';
import { connectionOpen } from '../machine/liveness';
import type { Policy } from '../policy';
import type { Auth } from '../schema/names';
import type { CommandArgs } from '../schema/verbs';
import { cacheBasicToken } from '../server-cache/cache-basic-token';
import { serverCacheEntryLive } from '../server-cache/server-cache-entry-live';
import { halfOf, liveProcess } from '../session/decide-session';
import type { Token } from '../token/token';
import {
  key,
  type HalfState,
  type MachineState,
  type SessionState,
  type World,
} from '../world/world-state';
import {
  authenticatesEveryRequest,
  membershipSourceForNewConnection,
  spnFor,
} from './server-membership-source';
import { smbSessionReuse } from './smb-session-reuse';

/**
 * What the server (or the local check) saw and the event it came from, with the events that got it;
 * or why it failed.
 */
type Seen = { membership: Membership; source: AccessSource; cause: Cause };
type View = { seen: Seen; events: Decided[] } | { denied: string; events: Decided[] };
type Access = CommandArgs['access'];

interface Caller {
  world: World;
  at: string;
  session: SessionState;
  half: HalfState;
  process: string | null;
  token: Token;
  tokenEventId: string;
  client: MachineState;
  policy: Policy;
}

function caller(world: World, args: Access, at: string): Caller {
  const p = args.process ? liveProcess(world, args.process) : null;
  const session = p
    ? (world.sessions.get(p.session) as SessionState)
    : liveSession(world, args.session as string);
  const half = p ? (session.halves.get(p.half) as HalfState) : halfOf(session, args.elevated);
  const client = world.machines.get(key(session.machine)) as MachineState;
  // By session: a short-lived process of that half, with a fresh copy of the half's token.
  const token = p
    ? { token: p.token, tokenEventId: p.eventId }
    : { token: half.token, tokenEventId: half.tokenEventId };
  return {
    world,
    at,
    session,
    half,
    process: p?.label ?? null,
    ...token,
    client,
    policy: policyOf(world, client),
  };
}

const denied = (reason: string, events: Decided[] = []): View => ({ denied: reason, events });

/**
 * The half's service ticket for an SPN, obtaining the TGT (new or renewed) and the ticket when
 * needed (SEMANTICS.md §5).
 */
function serviceTicket(c: Caller, spn: string): View {
  const cached = c.half.serviceTickets.get(spn);
  if (cached && ticketValid(cached, c.at))
    return {
      seen: { membership: cached.pac, source: 'service-ticket', cause: cached.eventId },
      events: [],
    };
  if (!c.client.dcReachable) return denied('no domain controller reachable for a Kerberos ticket');
  const need = tgtAtRequest(c.half.tgt, c.at);
  const events: Decided[] = [];
  let tgt: { ticket: Ticket; cause: Cause };
  if ('use' in need) {
    tgt = { ticket: need.use, cause: need.use.eventId };
  } else {
    const truth = truthNow(c.world, c.session.userSid);
    if (!truth.membership) return denied('the account no longer exists');
    const data = { session: c.session.label };
    const renewed =
      'renew' in need
        ? fact(
            {
              type: 'TgtRenewed',
              data: {
                ...data,
                half: c.half.name,
                ticket: renewedTgt(
                  need.renew,
                  c.at,
                  c.policy.maxTicketAge,
                  c.policy.renewRefreshesPac ? truth.membership : null,
                ),
              },
            },
            c.policy.renewRefreshesPac ? truth.cause : need.renew.eventId,
          )
        : fact(
            {
              type: 'TgtIssued',
              data: {
                ...data,
                halves: [c.half.name],
                ticket: newTgt(truth.membership, c.at, c.policy.maxTicketAge, c.policy.maxRenewAge),
              },
            },
            truth.cause,
          );
    events.push(renewed);
    tgt = { ticket: renewed.event.data.ticket, cause: renewed };
  }
  const issued = fact(
    {
      type: 'ServiceTicketIssued',
      data: {
        session: c.session.label,
        half: c.half.name,
        ticket: serviceTicketFrom(tgt.ticket, spn, c.at, c.policy.maxTicketAge),
      },
    },
    tgt.cause,
  );
  return {
    seen: { membership: tgt.ticket.pac, source: 'service-ticket', cause: issued },
    events: [...events, issued],
  };
}

/** Where a new connection's membership comes from (SEMANTICS.md §8 table). */
function newConnectionView(c: Caller, server: MachineState, args: Access, auth: Auth): View {
  const source = membershipSourceForNewConnection(auth);
  switch (source) {
    case 'service-ticket':
      return serviceTicket(c, spnFor(args.service, server.name));
    case 'directory': {
      const truth = truthNow(c.world, c.session.userSid);
      if (!truth.membership) return denied('the account no longer exists');
      return {
        seen: { membership: truth.membership, source: 'directory', cause: truth.cause },
        events: [],
      };
    }
    case 'basic-cache': {
      const entry = c.world.serverCaches.get(key(server.name))?.basic.get(c.session.userSid);
      if (serverCacheEntryLive(entry, c.at, server.boot)) {
        return {
          seen: { membership: entry.membership, source: 'basic-cache', cause: entry.eventId },
          events: [],
        };
      }
      const truth = truthNow(c.world, c.session.userSid);
      if (!truth.membership) return denied('the account no longer exists');
      const cached = cacheBasicToken(
        c.world,
        server,
        { name: c.session.user, sid: c.session.userSid },
        { membership: truth.membership, cause: truth.cause },
        c.at,
      );
      return {
        seen: { membership: truth.membership, source: 'directory', cause: cached },
        events: [cached],
      };
    }
    default: {
      const never: never = source;
      throw new Error(`no membership source ${String(never)}`);
    }
  }
}

/** SMB: one session per half and server, reused while it lives (SEMANTICS.md §8). */
function smbView(c: Caller, server: MachineState, args: Access, auth: Auth): View {
  const smb = c.half.smb.get(key(server.name));
  if (smbSessionReuse(smb, c.at, c.policy.smbIdleTimeout, server.boot)) {
    return {
      seen: { membership: smb.membership, source: 'smb-session', cause: smb.eventId },
      events: [],
    };
  }
  const view = newConnectionView(c, server, args, auth);
  if ('denied' in view) return view;
  const opened = fact(
    {
      type: 'SmbSessionOpened',
      data: {
        session: c.session.label,
        half: c.half.name,
        server: server.name,
        serverBoot: server.boot,
        auth,
        membership: view.seen.membership,
      },
    },
    view.seen.cause,
  );
  return {
    seen: { membership: view.seen.membership, source: 'smb-session', cause: opened },
    events: [...view.events, opened],
  };
}

/**
 * Other protocols: a labelled TCP connection keeps its start's membership; HTTP with Kerberos
 * authenticates every request.
 */
function connectionView(c: Caller, server: MachineState, args: Access, auth: Auth): View {
  const label = args.connection;
  const existing = label ? c.session.connections.get(label) : undefined;
  if (label && !existing && c.world.connectionIndex.has(label)) {
    throw new InvalidArgument('connection', `"${label}" belongs to another session`);
  }
  const open = existing && connectionOpen(c.world, existing) ? existing : undefined;
  if (open && (key(open.server) !== key(server.name) || open.service !== args.service)) {
    throw new InvalidArgument(
      'connection',
      `"${label}" is open to ${open.service} on ${open.server}`,
    );
  }
  const everyRequest = authenticatesEveryRequest(args.service, auth);
  if (open && !everyRequest)
    return {
      seen: { membership: open.membership, source: 'connection', cause: open.eventId },
      events: [],
    };
  const view = everyRequest
    ? serviceTicket(c, spnFor(args.service, server.name))
    : newConnectionView(c, server, args, auth);
  if ('denied' in view || !label || open) return view;
  const opened = fact(
    {
      type: 'ConnectionOpened',
      data: {
        session: c.session.label,
        half: c.half.name,
        process: c.process,
        connection: label,
        server: server.name,
        service: args.service,
        auth,
        serverBoot: server.boot,
        serviceEpoch: server.serviceEpochs.get(args.service) ?? 0,
        membership: view.seen.membership,
        source: view.seen.source,
      },
    },
    view.seen.cause,
  );
  return { seen: { ...view.seen, cause: opened }, events: [...view.events, opened] };
}

/**
 * SEMANTICS.md §9: a delegating server uses its cached tickets for the user until they expire or
 * its OS restarts.
 */
function delegatedView(c: Caller, server: MachineState, backendName: string, front: Seen): View {
  const backend = upMachine(c.world, backendName, 'delegateTo');
  const entry = c.world.serverCaches
    .get(key(server.name))
    ?.delegation.get(`${c.session.userSid}|${key(backend.name)}`);
  if (serverCacheEntryLive(entry, c.at, server.boot)) {
    return {
      seen: { membership: entry.membership, source: 'delegation-cache', cause: entry.eventId },
      events: [],
    };
  }
  const cached = fact(
    {
      type: 'DelegationTicketCached',
      data: {
        server: server.name,
        serverBoot: server.boot,
        user: c.session.user,
        userSid: c.session.userSid,
        backend: backend.name,
        membership: front.membership,
        expiresAt: addMs(c.at, policyOf(c.world, server).maxTicketAge),
      },
    },
    front.cause,
  );
  return {
    seen: { membership: front.membership, source: 'delegation-cache', cause: cached },
    events: [cached],
  };
}

/**
 * One access (SEMANTICS.md §7–§9): local checks use the process token; network servers see per
 * protocol.
 */
export function decideAccess(world: World, args: Access, at: string): Decided[] {
  const c = caller(world, args, at);
  const local = args.service === 'file' || !args.server || key(args.server) === key(c.client.name);
  const server = local ? c.client : upMachine(world, args.server as string, 'server');
  const auth = args.auth ?? null;
  const base: Omit<DataOf<'AccessMade'>, 'membership' | 'tokenType' | 'source' | 'denied'> = {
    access: args.id ?? null,
    session: c.session.label,
    half: c.half.name,
    process: c.process,
    machine: c.client.name,
    server: server.name,
    service: args.service,
    auth,
    connection: args.connection ?? null,
    delegateTo: args.delegateTo ?? null,
  };
  let view: View;
  if (local)
    view = {
      seen: { membership: c.token.membership, source: 'process-token', cause: c.tokenEventId },
      events: [],
    };
  else if (!auth) throw new InvalidArgument('auth', 'required for a network access');
  else
    view =
      args.service === 'smb'
        ? smbView(c, server, args, auth)
        : connectionView(c, server, args, auth);
  if (!('denied' in view) && args.delegateTo && !local) {
    const delegated = delegatedView(c, server, args.delegateTo, view.seen);
    view = { ...delegated, events: [...view.events, ...delegated.events] };
  }
  if ('denied' in view) {
    return [
      ...view.events,
      fact({
        type: 'AccessMade',
        data: {
          ...base,
          membership: null,
          tokenType: null,
          source: null,
          denied: true,
          reason: view.denied,
        },
      }),
    ];
  }
  const tokenType = local ? c.token.logonType : 'network';
  return [
    ...view.events,
    fact(
      {
        type: 'AccessMade',
        data: {
          ...base,
          membership: view.seen.membership,
          tokenType,
          source: view.seen.source,
          denied: false,
        },
      },
      view.seen.cause,
    ),
  ];
}
