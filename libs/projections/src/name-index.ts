import { directoryTruth, isDomainEvent, key, type Envelope, type World } from '@tokentrail/domain';
import type { ReadModel } from './read-model';

/**
 * Keeps the names a question may use as the world's indexes hold them (sessions, processes,
 * machines, access ids; principals by name, former name and SID) and each principal's truth, at
 * every position, from one event folded into `world`.
 */
export function indexNames(rm: ReadModel, sim: number, e: Envelope, world: World): void {
  const { event, position } = e;
  const dir = world.directory;
  const pointName = (name: string) => {
    const nameKey = name.toLowerCase();
    rm.principalNamePoints(sim, nameKey, dir.byName.get(nameKey) ?? null, position);
  };
  if (event.type === 'DomainCreated') {
    for (const sid of dir.changed) {
      const p = dir.principals.get(sid);
      if (!p) continue;
      pointName(p.name);
      rm.principalAlias(sim, p.name, sid, position);
    }
  } else if (event.type === 'PrincipalCreated') {
    pointName(event.data.name);
    rm.principalAlias(sim, event.data.name, event.data.sid, position);
  } else if (event.type === 'PrincipalNamed') {
    pointName(event.data.previous);
    pointName(event.data.name);
    rm.principalAlias(sim, event.data.name, event.data.sid, position);
  } else if (event.type === 'PrincipalDeleted') {
    pointName(dir.principals.get(event.data.sid)?.name ?? event.data.name);
  } else if (event.type === 'LoggedOn' || event.type === 'LogonDenied') {
    rm.nameKnown(sim, 'session', event.data.session, event.data.session, position);
  } else if (event.type === 'ProcessStarted') {
    rm.nameKnown(sim, 'process', event.data.process, event.data.session, position);
  } else if (event.type === 'MachineProvisioned' || event.type === 'MachineObserved') {
    rm.nameKnown(sim, 'machine', key(event.data.machine), event.data.machine, position);
  } else if (event.type === 'AccessMade' && event.data.access) {
    rm.nameKnown(sim, 'access', event.data.access, e.eventId, position);
  }
  if (!isDomainEvent(event)) return;
  for (const sid of dir.changed) {
    const p = dir.principals.get(sid);
    rm.truthChanged(
      sim,
      {
        sid,
        name: p?.name ?? sid,
        membership: directoryTruth(dir, sid),
        changedAt: dir.truthChange.get(sid)?.at,
      },
      e.occurredAt,
      position,
    );
  }
}
