import {
  decideAddSidHistory,
  decideCreateDomain,
  decideCreatePrincipal,
  decideDeletePrincipal,
  decideMembership,
} from '../directory/decide-directory';
import {
  decideBoot,
  decideDcReachable,
  decideProvisionMachine,
  decidePurgeSystem,
  decideRestart,
  decideRestartService,
  decideSetPolicy,
  decideShutdown,
} from '../machine/decide-machine';
import { decideAccess } from '../network/decide-access';
import { decideObserve } from '../observe/decide-observe';
import type { CommandOf } from '../schema/verbs';
import {
  decideCloseConnection,
  decideEndProcess,
  decideLogoff,
  decideLogon,
  decidePurge,
  decideStartProcess,
} from '../session/decide-session';
import type { World } from '../world/world-state';
import type { Decided } from './decided';

/**
 * The entry points of each aggregate's rules: which verbs it answers, and the rule each one runs.
 * A decision reads the whole world (every rule reads across aggregates) and may produce events
 * of other aggregates (a logon rewrites the machine's logon cache).
 */

export type DomainCommand = CommandOf<
  | 'createDomain'
  | 'createPrincipal'
  | 'createUser'
  | 'createGroup'
  | 'createComputer'
  | 'deletePrincipal'
  | 'addMember'
  | 'removeMember'
  | 'addSidHistory'
  | 'setPolicy'
>;

export function decideDomain(world: World, c: DomainCommand): Decided[] {
  switch (c.verb) {
    case 'createDomain':
      return decideCreateDomain(world, c.args);
    case 'createPrincipal':
      return decideCreatePrincipal(world, c.args);
    case 'createUser':
      return decideCreatePrincipal(world, { kind: 'user', name: c.args.name });
    case 'createGroup':
      return decideCreatePrincipal(world, { kind: 'group', name: c.args.name });
    case 'createComputer':
      return decideCreatePrincipal(world, { kind: 'computer', name: c.args.name });
    case 'deletePrincipal':
      return decideDeletePrincipal(world, c.args);
    case 'addMember':
      return decideMembership(world, true, c.args);
    case 'removeMember':
      return decideMembership(world, false, c.args);
    case 'addSidHistory':
      return decideAddSidHistory(world, c.args);
    case 'setPolicy':
      return decideSetPolicy(world, c.args);
    default: {
      const never: never = c;
      throw new Error(`unhandled domain command ${JSON.stringify(never)}`);
    }
  }
}

export type MachineCommand = CommandOf<
  | 'provisionMachine'
  | 'boot'
  | 'shutdown'
  | 'restart'
  | 'purgeSystem'
  | 'dcReachable'
  | 'restartService'
  | 'observe'
>;

export function decideMachine(world: World, c: MachineCommand, at: string): Decided[] {
  switch (c.verb) {
    case 'provisionMachine':
      return decideProvisionMachine(world, c.args);
    case 'boot':
      return decideBoot(world, c.args, at);
    case 'shutdown':
      return decideShutdown(world, c.args);
    case 'restart':
      return decideRestart(world, c.args, at);
    case 'purgeSystem':
      return decidePurgeSystem(world, c.args);
    case 'dcReachable':
      return decideDcReachable(world, c.args);
    case 'restartService':
      return decideRestartService(world, c.args);
    case 'observe':
      return decideObserve(world, c.args, at);
    default: {
      const never: never = c;
      throw new Error(`unhandled machine command ${JSON.stringify(never)}`);
    }
  }
}

export type SessionCommand = CommandOf<
  'logon' | 'logoff' | 'purge' | 'startProcess' | 'endProcess' | 'access' | 'closeConnection'
>;

export function decideSession(world: World, c: SessionCommand, at: string): Decided[] {
  switch (c.verb) {
    case 'logon':
      return decideLogon(world, c.args, at);
    case 'logoff':
      return decideLogoff(world, c.args);
    case 'purge':
      return decidePurge(world, c.args);
    case 'startProcess':
      return decideStartProcess(world, c.args);
    case 'endProcess':
      return decideEndProcess(world, c.args);
    case 'access':
      return decideAccess(world, c.args, at);
    case 'closeConnection':
      return decideCloseConnection(world, c.args);
    default: {
      const never: never = c;
      throw new Error(`unhandled session command ${JSON.stringify(never)}`);
    }
  }
}
