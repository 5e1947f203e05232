import type { Envelope } from '../events/envelope';
import type { SessionEvent } from '../events/events';
import { key, type SessionState, type World } from '../world/world-state';

function session(world: World, label: string): SessionState {
  const s = world.sessions.get(label);
  if (!s) throw new Error(`event for unknown session ${label}`);
  return s;
}

/** Folds one event of a logon session into the world it is given. */
export function evolveSession(world: World, event: SessionEvent, e: Envelope): void {
  switch (event.type) {
    case 'LoggedOn': {
      const d = event.data;
      world.sessions.set(d.session, {
        label: d.session,
        user: d.user,
        userSid: d.userSid,
        machine: d.machine,
        machineBoot: d.machineBoot,
        logonType: d.logonType,
        startedAt: e.occurredAt,
        denied: null,
        loggedOff: false,
        halves: new Map(
          d.halves.map((name) => [
            name,
            {
              name,
              token: d.token,
              tokenEventId: e.eventId,
              tgt: null,
              serviceTickets: new Map(),
              smb: new Map(),
            },
          ]),
        ),
        processes: new Map(),
        connections: new Map(),
        eventId: e.eventId,
      });
      // A logon that reuses a cache entry also makes it the most recently used.
      const entry = world.machines.get(key(d.machine))?.logonCache.get(d.userSid);
      if (entry) entry.lastUsed = e.position;
      return;
    }
    case 'LogonDenied': {
      const d = event.data;
      world.sessions.set(d.session, {
        label: d.session,
        user: d.user,
        userSid: '',
        machine: d.machine,
        machineBoot: -1,
        logonType: 'interactive',
        startedAt: e.occurredAt,
        denied: { reason: d.reason, sidCount: d.sidCount, limit: d.limit },
        loggedOff: true,
        halves: new Map(),
        processes: new Map(),
        connections: new Map(),
        eventId: e.eventId,
      });
      return;
    }
    case 'TgtIssued': {
      const s = session(world, event.data.session);
      for (const h of event.data.halves) {
        const half = s.halves.get(h);
        if (half) half.tgt = { ...event.data.ticket, eventId: e.eventId };
      }
      return;
    }
    case 'TgtRenewed': {
      const half = session(world, event.data.session).halves.get(event.data.half);
      if (half) half.tgt = { ...event.data.ticket, eventId: e.eventId };
      return;
    }
    case 'ServiceTicketIssued': {
      const { ticket } = event.data;
      session(world, event.data.session)
        .halves.get(event.data.half)
        ?.serviceTickets.set(ticket.spn, { ...ticket, eventId: e.eventId });
      return;
    }
    case 'TicketsPurged': {
      const half = session(world, event.data.session).halves.get(event.data.half);
      if (half) {
        half.tgt = null;
        half.serviceTickets.clear();
      }
      return;
    }
    case 'ProcessStarted': {
      const d = event.data;
      session(world, d.session).processes.set(d.process, {
        label: d.process,
        session: d.session,
        half: d.half,
        com: d.com,
        token: d.token,
        alive: true,
        startedAt: e.occurredAt,
        eventId: e.eventId,
      });
      world.processIndex.set(d.process, d.session);
      return;
    }
    case 'ProcessEnded': {
      const s = session(world, event.data.session);
      const p = s.processes.get(event.data.process);
      if (p) p.alive = false;
      for (const c of event.data.closedConnections) closeConnection(s, c);
      if (s.loggedOff) compactEndedSession(world, s);
      return;
    }
    case 'SmbSessionOpened': {
      const d = event.data;
      session(world, d.session).halves.get(d.half)?.smb.set(key(d.server), {
        half: d.half,
        server: d.server,
        serverBoot: d.serverBoot,
        membership: d.membership,
        openedAt: e.occurredAt,
        lastUsedAt: e.occurredAt,
        eventId: e.eventId,
      });
      return;
    }
    case 'ConnectionOpened': {
      const d = event.data;
      session(world, d.session).connections.set(d.connection, {
        label: d.connection,
        session: d.session,
        half: d.half,
        process: d.process,
        server: d.server,
        service: d.service,
        auth: d.auth,
        serverBoot: d.serverBoot,
        serviceEpoch: d.serviceEpoch,
        membership: d.membership,
        source: d.source,
        open: true,
        openedAt: e.occurredAt,
        eventId: e.eventId,
      });
      world.connectionIndex.set(d.connection, d.session);
      return;
    }
    case 'ConnectionClosed':
      closeConnection(session(world, event.data.session), event.data.connection);
      return;
    case 'AccessMade': {
      const d = event.data;
      if (d.access) world.accessIndex.set(d.access, e.eventId);
      // Every access through an SMB session resets its idle clock.
      if (d.source === 'smb-session') {
        const smb = session(world, d.session).halves.get(d.half)?.smb.get(key(d.server));
        if (smb) smb.lastUsedAt = e.occurredAt;
      }
      return;
    }
    case 'LoggedOff': {
      const s = session(world, event.data.session);
      s.loggedOff = true;
      for (const p of event.data.endedProcesses) {
        const proc = s.processes.get(p);
        if (proc) proc.alive = false;
      }
      for (const c of event.data.closedConnections) closeConnection(s, c);
      for (const half of s.halves.values()) {
        half.smb.clear();
        half.tgt = null;
        half.serviceTickets.clear();
      }
      compactEndedSession(world, s);
      return;
    }
    default: {
      const never: never = event;
      throw new Error(`unhandled session event ${JSON.stringify(never)}`);
    }
  }
}

/**
 * An ended session keeps only its label: nothing of it can be used again, and questions about it
 * answer `none`. Its state is dropped so that the world grows with what is alive, not with every
 * logon ever made. A session whose COM server outlived the logoff is kept until that process ends.
 */
function compactEndedSession(world: World, s: SessionState): void {
  if ([...s.processes.values()].some((p) => p.com && p.alive)) return;
  world.sessions.delete(s.label);
  world.endedSessions.add(s.label);
}

/**
 * Every session and process on a machine that restarts or shuts down ends with it, COM servers too.
 */
export function endSessions(world: World, labels: readonly string[]): void {
  for (const label of labels) {
    const s = world.sessions.get(label);
    if (!s) continue;
    for (const p of s.processes.values()) p.alive = false;
    compactEndedSession(world, s);
  }
}

function closeConnection(s: SessionState, label: string): void {
  const c = s.connections.get(label);
  if (c) c.open = false;
}
