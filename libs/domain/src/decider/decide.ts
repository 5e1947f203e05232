import { TimeWentBackwards } from '../errors';
import type { AggregateRef } from '../events/aggregate';
import type { SimCommand } from '../schema/verbs';
import type { World } from '../world/world-state';
import {
  decideDomain,
  decideMachine,
  decideSession,
  type DomainCommand,
  type MachineCommand,
  type SessionCommand,
} from './aggregate-deciders';
import type { Decided } from './decided';

export type Routed =
  | { kind: 'Domain'; command: DomainCommand }
  | { kind: 'Machine'; command: MachineCommand }
  | { kind: 'Session'; command: SessionCommand };

/** Which aggregate's entry point a command is addressed to. */
export function route(c: SimCommand): Routed {
  switch (c.verb) {
    case 'createDomain':
    case 'createPrincipal':
    case 'createUser':
    case 'createGroup':
    case 'createComputer':
    case 'deletePrincipal':
    case 'addMember':
    case 'removeMember':
    case 'addSidHistory':
    case 'setPolicy':
      return { kind: 'Domain', command: c };
    case 'provisionMachine':
    case 'boot':
    case 'shutdown':
    case 'restart':
    case 'purgeSystem':
    case 'dcReachable':
    case 'restartService':
    case 'observe':
      return { kind: 'Machine', command: c };
    case 'logon':
    case 'logoff':
    case 'purge':
    case 'startProcess':
    case 'endProcess':
    case 'access':
    case 'closeConnection':
      return { kind: 'Session', command: c };
    default: {
      const never: never = c;
      throw new Error(`unrouted command ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The aggregate instance a command is addressed to (its id read from the command, or the world's
 * indexes).
 */
export function targetOf(world: World, c: SimCommand): AggregateRef {
  const r = route(c);
  switch (r.kind) {
    case 'Domain':
      return { kind: 'Domain', id: 'domain' };
    case 'Machine': {
      const m = r.command;
      const id =
        m.verb === 'provisionMachine'
          ? m.args.name
          : m.verb === 'observe'
            ? m.args.record.computer
            : m.args.machine;
      return { kind: 'Machine', id };
    }
    case 'Session': {
      const s = r.command;
      const id =
        s.verb === 'endProcess'
          ? world.processIndex.get(s.args.process)
          : s.verb === 'closeConnection'
            ? world.connectionIndex.get(s.args.connection)
            : s.verb === 'access' && s.args.process
              ? world.processIndex.get(s.args.process)
              : s.verb === 'access'
                ? s.args.session
                : s.args.session;
      return { kind: 'Session', id: id ?? '' };
    }
    default: {
      const never: never = r;
      throw new Error(`unrouted command ${JSON.stringify(never)}`);
    }
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * When a command happens, as the log will say it: a command never goes back in time (no event is
 * stored out of time order), except a fact read from a log, which keeps the time its log gave it.
 */
export function commandTime(world: World, command: SimCommand, at: string): string {
  // Already in toISOString's form (every command the write side builds): no Date needed.
  const when = ISO.test(at) ? at : new Date(at).toISOString();
  if (command.verb !== 'observe' && world.maxOccurredAt && when < world.maxOccurredAt) {
    throw new TimeWentBackwards(when, world.maxOccurredAt);
  }
  return when;
}

/**
 * The write side in one call: given the world before it, what a command makes happen at `at`.
 * Pure: it reads the world and returns events; it never changes the world.
 */
export function decide(world: World, command: SimCommand, at: string): Decided[] {
  const when = commandTime(world, command, at);
  const r = route(command);
  switch (r.kind) {
    case 'Domain':
      return decideDomain(world, r.command);
    case 'Machine':
      return decideMachine(world, r.command, when);
    case 'Session':
      return decideSession(world, r.command, when);
    default: {
      const never: never = r;
      throw new Error(`unrouted command ${JSON.stringify(never)}`);
    }
  }
}
