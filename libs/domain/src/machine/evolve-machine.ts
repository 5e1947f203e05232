import type { Envelope } from '../events/envelope';
import type { MachineEvent } from '../events/events';
import { endSessions } from '../session/evolve-session';
import { key, type MachineState, type World } from '../world/world-state';

function machine(world: World, name: string): MachineState {
  const m = world.machines.get(key(name));
  if (!m) throw new Error(`event for unknown machine ${name}`);
  return m;
}

/** A machine's state before any of its events (all its defaults). */
export function newMachine(
  name: string,
  sid: string,
  overrides: Partial<MachineState>,
): MachineState {
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
    pendingTokens: new Map(),
    ...overrides,
  };
}

/** Folds one event of a computer into the world it is given. */
export function evolveMachine(world: World, event: MachineEvent, e: Envelope): void {
  switch (event.type) {
    case 'MachineProvisioned': {
      const { machine: name, machineSid, policy, localAdmins } = event.data;
      world.machines.set(
        key(name),
        newMachine(name, machineSid, { policy: { ...policy }, localAdmins: [...localAdmins] }),
      );
      return;
    }
    case 'MachineBooted': {
      const m = machine(world, event.data.machine);
      m.up = true;
      m.boot = event.data.boot;
      m.bootedAt = e.occurredAt;
      m.systemToken = event.data.systemToken;
      m.systemTokenEventId = e.eventId;
      m.computerTgt = event.data.computerTgt
        ? { ...event.data.computerTgt, eventId: e.eventId }
        : null;
      m.serviceEpochs.clear();
      endSessions(world, event.data.endedSessions);
      return;
    }
    case 'MachineShutDown': {
      const m = machine(world, event.data.machine);
      m.up = false;
      m.boot += 1; // nothing of the old boot survives a shutdown either
      m.systemToken = null;
      m.computerTgt = null;
      endSessions(world, event.data.endedSessions);
      return;
    }
    case 'DcReachabilityChanged':
      machine(world, event.data.machine).dcReachable = event.data.reachable;
      return;
    case 'MachinePolicyChanged': {
      const m = machine(world, event.data.machine);
      m.policy = { ...m.policy, ...event.data.policy };
      return;
    }
    case 'LogonCacheRefreshed': {
      const d = event.data;
      const m = machine(world, d.machine);
      if (d.evicted) m.logonCache.delete(d.evicted.userSid);
      m.logonCache.set(d.userSid, {
        user: d.user,
        userSid: d.userSid,
        membership: d.membership,
        refreshedAt: e.occurredAt,
        lastUsed: e.position,
        eventId: e.eventId,
        ...(d.record ? { record: d.record } : {}),
      });
      return;
    }
    case 'ComputerTicketsPurged':
      machine(world, event.data.machine).computerTgt = null;
      return;
    case 'ServiceRestarted':
      machine(world, event.data.machine).serviceEpochs.set(event.data.service, event.data.epoch);
      return;
    case 'MachineObserved':
      // Seen in a log: it is running, with default policy; its SID is unknown.
      world.machines.set(
        key(event.data.machine),
        newMachine(event.data.machine, '', { up: true, boot: 1 }),
      );
      return;
    case 'MachineStartObserved':
    case 'MachineStopObserved': {
      const m = machine(world, event.data.machine);
      m.up = event.type === 'MachineStartObserved';
      m.boot += 1;
      if (m.up) m.bootedAt = e.occurredAt;
      return;
    }
    case 'LogonObserved': {
      const d = event.data;
      const m = machine(world, d.machine);
      // A token read before this logon was judged with it: it waits no more.
      m.pendingTokens.delete(d.logonId);
      m.observedLogons.set(d.logonId, {
        logonId: d.logonId,
        user: d.user,
        userSid: d.userSid,
        logonType: d.logonType,
        expected: d.expected,
        expectedSource: d.expectedSource,
        observedSids: null,
        at: e.occurredAt,
        eventId: e.eventId,
        record: d.record,
        artifact: d.artifact,
      });
      return;
    }
    case 'TokenGroupsObserved': {
      const d = event.data;
      const m = machine(world, d.machine);
      const logon = m.observedLogons.get(d.logonId);
      if (logon) logon.observedSids = d.sids;
      else
        m.pendingTokens.set(d.logonId, {
          user: d.user,
          userSid: d.userSid,
          sids: d.sids,
          record: d.record,
          eventId: e.eventId,
        });
      return;
    }
    case 'TokenDivergenceFound':
      world.findings.push(e.eventId);
      return;
    case 'LogoffObserved':
      // Memory follows what is alive: an ended logon has nothing left to join (its token came
      // right after it), and a long log has millions of them.
      machine(world, event.data.machine).observedLogons.delete(event.data.logonId);
      return;
    case 'TicketObserved': {
      const d = event.data;
      if (d.ticket === 'tgt' && d.userSid && d.pac) {
        world.observedTgts.set(d.userSid, {
          pac: d.pac,
          at: e.occurredAt,
          eventId: e.eventId,
          record: d.record,
        });
      }
      return;
    }
    case 'SecurityEventRecorded':
      return;
    default: {
      const never: never = event;
      throw new Error(`unhandled machine event ${JSON.stringify(never)}`);
    }
  }
}
