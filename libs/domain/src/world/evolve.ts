import { evolveDirectory } from '../directory/evolve-directory';
import {
  aggregateOf,
  type FoldedEvent,
  type MachineEvent,
  type ServerCacheEvent,
  type SessionEvent,
  type DomainEvent,
} from '../events';
import { recordKey, type RecordRef } from '../observe/observation';
import {
  key,
  type MachineState,
  type ServerCacheState,
  type SessionState,
  type World,
} from './world-state';

function machine(world: World, name: string): MachineState {
  const m = world.machines.get(key(name));
  if (!m) throw new Error(`event for unknown machine ${name}`);
  return m;
}

function newMachine(name: string, sid: string, overrides: Partial<MachineState>): MachineState {
  return {
    name,
    sid,
    policy: {},
    localAdmins: ['Domain Admins'],
    up: false,
    boot: 0,
    bootedAt: null,
    dcReachable: true,
    logonCache: new Map(),
    systemToken: null,
    systemTokenEventId: null,
    computerTgt: null,
    serviceEpochs: new Map(),
    observedLogons: new Map(),
    ...overrides,
  };
}

function evolveMachine(world: World, e: MachineEvent, f: FoldedEvent): void {
  switch (e.type) {
    case 'MachineProvisioned':
      world.machines.set(
        key(e.data.machine),
        newMachine(e.data.machine, e.data.machineSid, {
          policy: { ...e.data.policy },
          localAdmins: [...e.data.localAdmins],
        }),
      );
      return;
    case 'MachineBooted': {
      const m = machine(world, e.data.machine);
      m.up = true;
      m.boot = e.data.boot;
      m.bootedAt = f.occurredAt;
      m.systemToken = e.data.systemToken;
      m.systemTokenEventId = f.eventId;
      m.computerTgt = e.data.computerTgt;
      m.serviceEpochs.clear();
      endSessions(world, e.data.endedSessions);
      return;
    }
    case 'MachineShutDown': {
      const m = machine(world, e.data.machine);
      m.up = false;
      m.boot += 1; // nothing of the old boot survives a shutdown either
      m.systemToken = null;
      m.computerTgt = null;
      endSessions(world, e.data.endedSessions);
      return;
    }
    case 'DcReachabilityChanged':
      machine(world, e.data.machine).dcReachable = e.data.reachable;
      return;
    case 'MachinePolicyChanged': {
      const m = machine(world, e.data.machine);
      m.policy = { ...m.policy, ...e.data.policy };
      return;
    }
    case 'LogonCacheRefreshed': {
      const m = machine(world, e.data.machine);
      if (e.data.evicted) m.logonCache.delete(e.data.evicted.userSid);
      m.logonCache.set(e.data.userSid, {
        user: e.data.user,
        userSid: e.data.userSid,
        membership: e.data.membership,
        refreshedAt: f.occurredAt,
        lastUsedSeq: f.seq,
        eventId: f.eventId,
      });
      return;
    }
    case 'ComputerTicketsPurged':
      machine(world, e.data.machine).computerTgt = null;
      return;
    case 'ComputerTgtIssued':
      machine(world, e.data.machine).computerTgt = e.data.ticket;
      return;
    case 'ServiceRestarted':
      machine(world, e.data.machine).serviceEpochs.set(e.data.service, e.data.epoch);
      return;
    case 'MachineObserved':
      // Seen in a log: it is running, with default policy; its SID is unknown.
      world.machines.set(
        key(e.data.machine),
        newMachine(e.data.machine, '', { up: true, boot: 1 }),
      );
      return;
    case 'MachineStartObserved':
    case 'MachineStopObserved': {
      const m = machine(world, e.data.machine);
      m.up = e.type === 'MachineStartObserved';
      m.boot += 1;
      if (m.up) m.bootedAt = f.occurredAt;
      return;
    }
    case 'LogonObserved': {
      const d = e.data;
      machine(world, d.machine).observedLogons.set(d.logonId, {
        logonId: d.logonId,
        user: d.user,
        userSid: d.userSid,
        logonType: d.logonType,
        expected: d.expected,
        expectedSource: d.expectedSource,
        observedSids: null,
        at: f.occurredAt,
        ended: false,
        eventId: f.eventId,
      });
      return;
    }
    case 'TokenGroupsObserved': {
      const logon = machine(world, e.data.machine).observedLogons.get(e.data.logonId);
      if (logon) logon.observedSids = e.data.sids;
      return;
    }
    case 'TokenDivergenceFound':
      world.findings.push(f.eventId);
      return;
    case 'LogoffObserved': {
      const logon = machine(world, e.data.machine).observedLogons.get(e.data.logonId);
      if (logon) logon.ended = true;
      return;
    }
    case 'TicketObserved':
      if (e.data.ticket === 'tgt' && e.data.userSid && e.data.pac)
        world.observedTgts.set(e.data.userSid, {
          pac: e.data.pac,
          at: f.occurredAt,
          eventId: f.eventId,
        });
      return;
    case 'SecurityEventRecorded':
      return;
  }
}

function session(world: World, label: string): SessionState {
  const s = world.sessions.get(label);
  if (!s) throw new Error(`event for unknown session ${label}`);
  return s;
}

function evolveSession(world: World, e: SessionEvent, f: FoldedEvent): void {
  switch (e.type) {
    case 'LoggedOn': {
      const d = e.data;
      world.sessions.set(d.session, {
        label: d.session,
        user: d.user,
        userSid: d.userSid,
        machine: d.machine,
        machineBoot: d.machineBoot,
        logonType: d.logonType,
        startedAt: f.occurredAt,
        denied: null,
        loggedOff: false,
        halves: new Map(
          d.halves.map((name) => [
            name,
            {
              name,
              token: d.token,
              tokenEventId: f.eventId,
              tgt: null,
              serviceTickets: new Map(),
              smb: new Map(),
            },
          ]),
        ),
        processes: new Map(),
        connections: new Map(),
        eventId: f.eventId,
      });
      // A logon that reuses a cache entry also makes it the most recently used.
      const entry = world.machines.get(key(d.machine))?.logonCache.get(d.userSid);
      if (entry) entry.lastUsedSeq = f.seq;
      return;
    }
    case 'LogonDenied': {
      const d = e.data;
      world.sessions.set(d.session, {
        label: d.session,
        user: d.user,
        userSid: '',
        machine: d.machine,
        machineBoot: -1,
        logonType: 'interactive',
        startedAt: f.occurredAt,
        denied: { reason: d.reason, sidCount: d.sidCount, limit: d.limit },
        loggedOff: true,
        halves: new Map(),
        processes: new Map(),
        connections: new Map(),
        eventId: f.eventId,
      });
      return;
    }
    case 'TgtIssued':
      for (const h of e.data.halves) {
        const half = session(world, e.data.session).halves.get(h);
        if (half) half.tgt = e.data.ticket;
      }
      return;
    case 'TgtRenewed': {
      const half = session(world, e.data.session).halves.get(e.data.half);
      if (half) half.tgt = e.data.ticket;
      return;
    }
    case 'ServiceTicketIssued':
      session(world, e.data.session)
        .halves.get(e.data.half)
        ?.serviceTickets.set(e.data.ticket.spn, e.data.ticket);
      return;
    case 'TicketsPurged': {
      const half = session(world, e.data.session).halves.get(e.data.half);
      if (half) {
        half.tgt = null;
        half.serviceTickets.clear();
      }
      return;
    }
    case 'ProcessStarted': {
      const d = e.data;
      session(world, d.session).processes.set(d.process, {
        label: d.process,
        session: d.session,
        half: d.half,
        com: d.com,
        token: d.token,
        alive: true,
        startedAt: f.occurredAt,
        eventId: f.eventId,
      });
      world.processIndex.set(d.process, d.session);
      return;
    }
    case 'ProcessEnded': {
      const s = session(world, e.data.session);
      const p = s.processes.get(e.data.process);
      if (p) p.alive = false;
      for (const c of e.data.closedConnections) closeConnection(s, c);
      if (s.loggedOff) compactEndedSession(world, s);
      return;
    }
    case 'SmbSessionOpened': {
      const d = e.data;
      session(world, d.session).halves.get(d.half)?.smb.set(key(d.server), {
        id: d.smbSession,
        half: d.half,
        server: d.server,
        serverBoot: d.serverBoot,
        membership: d.membership,
        openedAt: f.occurredAt,
        lastUsedAt: f.occurredAt,
        eventId: f.eventId,
      });
      return;
    }
    case 'ConnectionOpened': {
      const d = e.data;
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
        openedAt: f.occurredAt,
        eventId: f.eventId,
      });
      world.connectionIndex.set(d.connection, d.session);
      return;
    }
    case 'ConnectionClosed':
      closeConnection(session(world, e.data.session), e.data.connection);
      return;
    case 'AccessMade': {
      const d = e.data;
      if (d.access) world.accessIndex.set(d.access, f.eventId);
      // Every access through an SMB session resets its idle clock.
      if (d.smbSession && !d.denied) {
        const smb = session(world, d.session).halves.get(d.half)?.smb.get(key(d.server));
        if (smb && smb.id === d.smbSession) smb.lastUsedAt = f.occurredAt;
      }
      return;
    }
    case 'LoggedOff': {
      const s = session(world, e.data.session);
      s.loggedOff = true;
      for (const p of e.data.endedProcesses) {
        const proc = s.processes.get(p);
        if (proc) proc.alive = false;
      }
      for (const c of e.data.closedConnections) closeConnection(s, c);
      for (const half of s.halves.values()) {
        half.smb.clear();
        half.tgt = null;
        half.serviceTickets.clear();
      }
      compactEndedSession(world, s);
      return;
    }
  }
}

/**
 * An ended session keeps only its label: nothing of it can be used again, and questions about it
 * answer `none`. Its state is dropped so that the world (and each projection snapshot of it)
 * grows with what is alive, not with every logon ever made. A session whose COM server outlived
 * the logoff is kept whole until that process ends.
 */
function compactEndedSession(world: World, s: SessionState): void {
  if ([...s.processes.values()].some((p) => p.com && p.alive)) return;
  world.sessions.delete(s.label);
  world.endedSessions.add(s.label);
}

/** Every session and process on a machine that restarts or shuts down ends with it, COM servers too. */
function endSessions(world: World, labels: readonly string[]): void {
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

function cache(world: World, server: string): ServerCacheState {
  let c = world.serverCaches.get(key(server));
  if (!c)
    world.serverCaches.set(key(server), (c = { server, basic: new Map(), delegation: new Map() }));
  return c;
}

function evolveServerCache(world: World, e: ServerCacheEvent, f: FoldedEvent): void {
  const c = cache(world, e.data.server);
  const entry = {
    user: e.data.user,
    userSid: e.data.userSid,
    serverBoot: e.data.serverBoot,
    membership: e.data.membership,
    cachedAt: f.occurredAt,
    expiresAt: e.data.expiresAt,
    eventId: f.eventId,
  };
  if (e.type === 'BasicTokenCached') c.basic.set(e.data.userSid, entry);
  else
    c.delegation.set(`${e.data.userSid}|${key(e.data.backend)}`, {
      ...entry,
      backend: e.data.backend,
    });
}

/** Folds one stored event into the world (in place). The world is owned by whoever folds it. */
export function evolveWorld(world: World, f: FoldedEvent): void {
  const { kind } = aggregateOf(f.event);
  if (kind === 'Domain') evolveDirectory(world.directory, f.event as DomainEvent, f.eventId);
  else if (kind === 'Machine') evolveMachine(world, f.event as MachineEvent, f);
  else if (kind === 'Session') evolveSession(world, f.event as SessionEvent, f);
  else evolveServerCache(world, f.event as ServerCacheEvent, f);
  const record = (f.event.data as { record?: RecordRef }).record;
  if (record) world.importedRecords.add(recordKey(record));
  world.events.set(f.eventId, {
    eventId: f.eventId,
    causationId: f.causationId,
    type: f.event.type,
    occurredAt: f.occurredAt,
    seq: f.seq,
    position: f.position,
    event: f.event,
  });
  world.seq = f.seq;
  world.lastOccurredAt = f.occurredAt;
  world.lastPosition = f.position;
}
