import {
  UnknownMachine,
  UnknownPrincipal,
  UnknownProcess,
  UnknownSession,
  key,
  type Artifact,
} from '@tokentrail/domain';
import type { AnswerSource, Names } from './answer-source';
import type { ReadModel } from './read-model';

/** Names as the projections knew them at a position (the same rules as `worldSource`'s). */
function indexNames(rm: ReadModel, sim: number, position: number): Names {
  const principalSid = (name: string): string | null => {
    const lower = name.toLowerCase();
    const live = rm.livePrincipal(sim, lower, position);
    if (live) return live;
    const upper = name.toUpperCase();
    if (rm.principalNameAt(sim, upper, position) !== null) return upper;
    return rm.principalByAlias(sim, lower, position);
  };
  return {
    principal(name, field) {
      const sid = principalSid(name);
      const current = sid ? rm.principalNameAt(sim, sid, position) : null;
      if (!sid || current === null) throw new UnknownPrincipal(name, field);
      return { sid, name: current };
    },
    half(session, elevated) {
      if (rm.name(sim, 'session', session, position) === null) throw new UnknownSession(session);
      const split =
        !!elevated && rm.artifactBorn(sim, 'session-token', `${session}/elevated`, position);
      return `${session}/${split ? 'elevated' : 'limited'}`;
    },
    machine(name, field) {
      const m = rm.name(sim, 'machine', key(name), position);
      if (m === null) throw new UnknownMachine(name, field);
      return m;
    },
    process(label) {
      if (rm.name(sim, 'process', label, position) === null) throw new UnknownProcess(label);
    },
    access: (id) => rm.name(sim, 'access', id, position) ?? undefined,
  };
}

/**
 * Answers from the projections' intervals at a moment of a simulation whose times never go
 * backwards: a few indexed lookups, however long the log or big the world.
 */
export function indexSource(
  rm: ReadModel,
  sim: number,
  moment: { position: number; at: string },
): AnswerSource {
  return {
    at: moment.at,
    names: indexNames(rm, sim, moment.position),
    artifact: (kind, id): Artifact | undefined => rm.artifactAt(sim, kind, id, moment),
    artifacts: (only) => rm.artifactsAt(sim, only, moment),
    truth: (sid) => rm.truthAt(sim, sid, moment.position),
    events: { get: (eventId) => rm.link(sim, eventId) },
  };
}
