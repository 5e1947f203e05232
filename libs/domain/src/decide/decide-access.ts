import type { CommandArgs } from '../commands';
import type { Membership } from '../directory/membership';
import { InvalidArgument } from '../errors';
import type { AccessSource, EventOf } from '../events';
import {
  addMs,
  serviceTicketExpiry,
  tgtAtRequest,
  ticketValid,
  type Ticket,
} from '../kerberos/ticket';
import { connectionOpen } from '../machine/liveness';
import {
  authAllowedFor,
  authenticatesEveryRequest,
  membershipSourceForNewConnection,
  spnFor,
} from '../network/server-membership-source';
import { smbSessionReuse } from '../network/smb-session-reuse';
import type { Policy } from '../policy';
import { serverCacheEntryLive } from '../server-cache/server-cache-entry-live';
import { buildToken, type Token } from '../token/token';
import { key, type HalfState, type MachineState, type SessionState } from '../world/world-state';
import type { Decision } from './decision';
import { halfOf, liveProcess } from './decide-session';

/** What the server (or the local check) saw, and the event it came from; or why the access failed. */
type View =
  | {
      membership: Membership;
      source: AccessSource;
      causationId: string | null;
      smbSession?: string;
    }
  | { denied: string };

interface Caller {
  session: SessionState;
  half: HalfState;
  process: string | null;
  token: Token;
  tokenEventId: string;
  client: MachineState;
  policy: Policy;
}

function caller(d: Decision, args: CommandArgs['access']): Caller {
  if (args.process) {
    const p = liveProcess(d, args.process);
    const session = d.world.sessions.get(p.session) as SessionState;
    const client = d.machine(session.machine);
    return {
      session,
      half: session.halves.get(p.half) as HalfState,
      process: p.label,
      token: p.token,
      tokenEventId: p.eventId,
      client,
      policy: d.policyOf(client),
    };
  }
  if (!args.session) throw new InvalidArgument('session', 'an access needs a process or a session');
  const session = d.liveSession(args.session);
  const half = halfOf(session, args.elevated);
  const client = d.machine(session.machine);
  // A short-lived process of that half: a fresh copy of the half's token.
  return {
    session,
    half,
    process: null,
    token: half.token,
    tokenEventId: half.tokenEventId,
    client,
    policy: d.policyOf(client),
  };
}

/** The half's service ticket for an SPN, obtaining the TGT (new or renewed) and the ticket when needed (SEMANTICS.md §5). */
function serviceTicket(
  d: Decision,
  c: Caller,
  spn: string,
): { ticket: Ticket } | { denied: string } {
  const cached = c.half.serviceTickets.get(spn);
  if (cached && ticketValid(cached, d.at)) return { ticket: cached };
  if (!c.client.dcReachable)
    return { denied: 'no domain controller reachable for a Kerberos ticket' };
  const { policy } = c;
  const need = tgtAtRequest(c.half.tgt, d.at);
  let tgt: Ticket;
  if ('use' in need) {
    tgt = need.use;
  } else {
    const truth = d.truth(c.session.userSid);
    if (!truth.membership) return { denied: 'the account no longer exists' };
    const eventId = d.newId();
    if ('renew' in need) {
      // Renewal keeps the PAC unless policy renewRefreshesPac.
      const pac = policy.renewRefreshesPac ? truth.membership : need.renew.pac;
      const expiresAt = new Date(
        Math.min(
          Date.parse(d.at) + policy.maxTicketAge,
          Date.parse(need.renew.renewUntil as string),
        ),
      ).toISOString();
      tgt = { ...need.renew, pac, expiresAt, eventId };
      d.events.push({
        eventId,
        causationId: policy.renewRefreshesPac ? truth.eventId : need.renew.eventId,
        event: {
          type: 'TgtRenewed',
          data: { session: c.session.label, half: c.half.name, ticket: tgt },
        },
      });
    } else {
      tgt = {
        id: d.newId(),
        spn: 'krbtgt',
        pac: truth.membership,
        issuedAt: d.at,
        expiresAt: addMs(d.at, policy.maxTicketAge),
        renewUntil: addMs(d.at, policy.maxRenewAge),
        eventId,
      };
      d.events.push({
        eventId,
        causationId: truth.eventId,
        event: {
          type: 'TgtIssued',
          data: { session: c.session.label, halves: [c.half.name], ticket: tgt },
        },
      });
    }
  }
  const eventId = d.newId();
  const ticket: Ticket = {
    id: d.newId(),
    spn,
    pac: tgt.pac,
    issuedAt: d.at,
    expiresAt: serviceTicketExpiry(tgt, d.at, policy.maxTicketAge),
    eventId,
  };
  d.events.push({
    eventId,
    causationId: tgt.eventId,
    event: {
      type: 'ServiceTicketIssued',
      data: { session: c.session.label, half: c.half.name, ticket },
    },
  });
  return { ticket };
}

/** Where a new connection's membership comes from (SEMANTICS.md §8 table). */
function newConnectionView(
  d: Decision,
  c: Caller,
  server: MachineState,
  args: CommandArgs['access'],
): View {
  switch (membershipSourceForNewConnection(args.auth)) {
    case 'service-ticket': {
      const st = serviceTicket(d, c, spnFor(args.service, server.name));
      return 'denied' in st
        ? st
        : { membership: st.ticket.pac, source: 'service-ticket', causationId: st.ticket.eventId };
    }
    case 'directory': {
      const truth = d.truth(c.session.userSid);
      return truth.membership
        ? { membership: truth.membership, source: 'directory', causationId: truth.eventId }
        : { denied: 'the account no longer exists' };
    }
    case 'basic-cache': {
      const entry = d.world.serverCaches.get(key(server.name))?.basic.get(c.session.userSid);
      if (serverCacheEntryLive(entry, d.at, server.boot))
        return { membership: entry.membership, source: 'basic-cache', causationId: entry.eventId };
      const truth = d.truth(c.session.userSid);
      if (!truth.membership) return { denied: 'the account no longer exists' };
      const cachedId = d.cacheBasicToken(server, c.session.user, c.session.userSid, {
        membership: truth.membership,
        eventId: truth.eventId,
      });
      return { membership: truth.membership, source: 'directory', causationId: cachedId };
    }
  }
}

function smbView(d: Decision, c: Caller, server: MachineState, args: CommandArgs['access']): View {
  const smb = c.half.smb.get(key(server.name));
  if (smbSessionReuse(smb, d.at, c.policy.smbIdleTimeout, server.boot)) {
    return {
      membership: smb.membership,
      source: 'smb-session',
      causationId: smb.eventId,
      smbSession: smb.id,
    };
  }
  const view = newConnectionView(d, c, server, args);
  if ('denied' in view) return view;
  const id = d.newId();
  const opened = d.emit(
    {
      type: 'SmbSessionOpened',
      data: {
        session: c.session.label,
        half: c.half.name,
        smbSession: id,
        server: server.name,
        serverBoot: server.boot,
        auth: args.auth,
        membership: view.membership,
      },
    },
    view.causationId,
  );
  return {
    membership: view.membership,
    source: 'smb-session',
    causationId: opened,
    smbSession: id,
  };
}

function connectionView(
  d: Decision,
  c: Caller,
  server: MachineState,
  args: CommandArgs['access'],
): View {
  const label = args.connection;
  const existing = label ? c.session.connections.get(label) : undefined;
  if (label && !existing && d.world.connectionIndex.has(label))
    throw new InvalidArgument('connection', `"${label}" belongs to another session`);
  if (existing && connectionOpen(d.world, existing)) {
    if (key(existing.server) !== key(server.name) || existing.service !== args.service) {
      throw new InvalidArgument(
        'connection',
        `"${label}" is open to ${existing.service} on ${existing.server}`,
      );
    }
    if (!authenticatesEveryRequest(args.service, args.auth))
      return {
        membership: existing.membership,
        source: 'connection',
        causationId: existing.eventId,
      };
  }
  const view = authenticatesEveryRequest(args.service, args.auth)
    ? (() => {
        const st = serviceTicket(d, c, spnFor(args.service, server.name));
        return 'denied' in st
          ? st
          : ({
              membership: st.ticket.pac,
              source: 'service-ticket',
              causationId: st.ticket.eventId,
            } as View);
      })()
    : newConnectionView(d, c, server, args);
  if ('denied' in view || !label || (existing && connectionOpen(d.world, existing))) return view;
  const opened = d.emit(
    {
      type: 'ConnectionOpened',
      data: {
        session: c.session.label,
        half: c.half.name,
        process: c.process,
        connection: label,
        server: server.name,
        service: args.service,
        auth: args.auth,
        serverBoot: server.boot,
        serviceEpoch: server.serviceEpochs.get(args.service) ?? 0,
        membership: view.membership,
        source: view.source,
      },
    },
    view.causationId,
  );
  return { ...view, causationId: opened };
}

/** SEMANTICS.md §9: a delegating server uses its cached tickets for the user until they expire or its OS restarts. */
function delegatedView(
  d: Decision,
  c: Caller,
  server: MachineState,
  backendName: string,
  front: Extract<View, { membership: Membership }>,
): View {
  const backend = d.upMachine(backendName, 'delegateTo');
  const entry = d.world.serverCaches
    .get(key(server.name))
    ?.delegation.get(`${c.session.userSid}|${key(backend.name)}`);
  if (serverCacheEntryLive(entry, d.at, server.boot))
    return { membership: entry.membership, source: 'delegation-cache', causationId: entry.eventId };
  const cached = d.emit(
    {
      type: 'DelegationTicketCached',
      data: {
        server: server.name,
        serverBoot: server.boot,
        user: c.session.user,
        userSid: c.session.userSid,
        backend: backend.name,
        membership: front.membership,
        expiresAt: addMs(d.at, d.policyOf(server).maxTicketAge),
      },
    },
    front.causationId,
  );
  return { membership: front.membership, source: 'delegation-cache', causationId: cached };
}

/** One access (SEMANTICS.md §7–§9): local checks use the process token; network servers see per protocol. */
export function decideAccess(d: Decision, args: CommandArgs['access']): void {
  const c = caller(d, args);
  if (!authAllowedFor(args.service, args.auth))
    throw new InvalidArgument('auth', `${args.service} takes kerberos or ntlm, not ${args.auth}`);
  const local = args.service === 'file' || !args.server || key(args.server) === key(c.client.name);
  const server = local ? c.client : d.upMachine(args.server as string, 'server');
  const base: Omit<
    EventOf<'AccessMade'>['data'],
    'membership' | 'sids' | 'source' | 'denied' | 'smbSession'
  > = {
    access: args.id ?? null,
    session: c.session.label,
    half: c.half.name,
    process: c.process,
    machine: c.client.name,
    server: server.name,
    service: args.service,
    auth: args.auth,
    connection: args.connection ?? null,
    delegateTo: args.delegateTo ?? null,
  };
  let view: View = local
    ? { membership: c.token.membership, source: 'process-token', causationId: c.tokenEventId }
    : args.service === 'smb'
      ? smbView(d, c, server, args)
      : connectionView(d, c, server, args);
  if (!('denied' in view) && args.delegateTo && !local)
    view = delegatedView(d, c, server, args.delegateTo, view);
  if ('denied' in view) {
    d.emit(
      {
        type: 'AccessMade',
        data: {
          ...base,
          smbSession: null,
          membership: null,
          sids: [],
          source: null,
          denied: true,
          reason: view.denied,
        },
      },
      null,
    );
    return;
  }
  const sids = local ? c.token.sids : buildToken(view.membership, 'network').sids;
  d.emit(
    {
      type: 'AccessMade',
      data: {
        ...base,
        smbSession: view.smbSession ?? null,
        membership: view.membership,
        sids,
        source: view.source,
        denied: false,
      },
    },
    view.causationId,
  );
}
