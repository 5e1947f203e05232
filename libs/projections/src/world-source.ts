import {
  UnknownMachine,
  UnknownPrincipal,
  UnknownProcess,
  UnknownSession,
  directoryTruth,
  findPrincipal,
  key,
  liveArtifacts,
  type Artifact,
  type World,
} from '@tokentrail/domain';
import type { AnswerSource, Names } from './answer-source';
import type { EventLookup } from './event-lookup';

/** Names as a world folded up to a moment knows them. */
function worldNames(world: World): Names {
  return {
    principal(name, field) {
      const p = findPrincipal(world.directory, name, true);
      if (!p) throw new UnknownPrincipal(name, field);
      return { sid: p.sid, name: p.name };
    },
    half(session, elevated) {
      const s = world.sessions.get(session);
      // An ended session keeps only its label: nothing of it is live.
      if (!s && world.endedSessions.has(session)) return `${session}/limited`;
      if (!s) throw new UnknownSession(session);
      return `${session}/${elevated && s.halves.has('elevated') ? 'elevated' : 'limited'}`;
    },
    machine(name, field) {
      const m = world.machines.get(key(name));
      if (!m) throw new UnknownMachine(name, field);
      return m.name;
    },
    process(label) {
      if (!world.processIndex.has(label)) throw new UnknownProcess(label);
    },
    access: (id) => world.accessIndex.get(id),
  };
}

/**
 * Answers from a world folded up to `at` (the scenario runner, the dry run, a question the
 * projections have not reached, remediation's plan and proof).
 */
export function worldSource(
  world: World,
  at: string,
  events: EventLookup,
): AnswerSource & { world: World } {
  let live: Artifact[] | undefined;
  const all = () => (live ??= liveArtifacts(world, at));
  return {
    world,
    at,
    events,
    names: worldNames(world),
    artifact(kind, id) {
      const lower = id.toLowerCase();
      return all().find((a) => a.kind === kind && a.id.toLowerCase() === lower);
    },
    artifacts: ({ principalSid, machine }) =>
      all().filter(
        (a) =>
          (!principalSid || a.principalSid === principalSid) &&
          (!machine || key(a.machine) === key(machine)),
      ),
    truth: (sid) => ({
      membership: directoryTruth(world.directory, sid),
      changedAt: world.directory.truthChange.get(sid)?.at,
    }),
  };
}
