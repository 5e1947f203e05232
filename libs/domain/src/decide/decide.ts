import type { SimCommand } from '../commands';
import { TimeWentBackwards } from '../errors';
import type { Decided } from '../events';
import type { World } from '../world/world-state';
import { decideAccess } from './decide-access';
import {
  decideAddSidHistory,
  decideCreateDomain,
  decideCreatePrincipal,
  decideDeletePrincipal,
  decideMembership,
} from './decide-directory';
import {
  decideBoot,
  decideDcReachable,
  decideProvisionMachine,
  decidePurgeSystem,
  decideRestart,
  decideRestartService,
  decideSetPolicy,
  decideShutdown,
} from './decide-machine';
import {
  decideCloseConnection,
  decideEndProcess,
  decideLogoff,
  decideLogon,
  decidePurge,
  decideStartProcess,
} from './decide-session';
import { decideObserve } from '../observe/decide-observe';
import { Decision } from './decision';

/**
 * The write side in one call: given the world before it, what a command makes happen at `at`.
 * Pure: it reads the world and returns events; it never changes the world.
 */
export function decide(
  world: World,
  command: SimCommand,
  at: string,
  newId?: () => string,
): Decided[] {
  // Logs arrive out of order: an observed fact keeps the time its log gave it.
  if (
    command.verb !== 'observe' &&
    world.lastOccurredAt &&
    Date.parse(at) < Date.parse(world.lastOccurredAt)
  )
    throw new TimeWentBackwards(at, world.lastOccurredAt);
  const d = new Decision(world, new Date(at).toISOString(), newId);
  switch (command.verb) {
    case 'createDomain':
      decideCreateDomain(d, command.args);
      break;
    case 'provisionMachine':
      decideProvisionMachine(d, command.args);
      break;
    case 'boot':
      decideBoot(d, command.args);
      break;
    case 'shutdown':
      decideShutdown(d, command.args);
      break;
    case 'createUser':
      decideCreatePrincipal(d, 'user', command.args);
      break;
    case 'createGroup':
      decideCreatePrincipal(d, 'group', command.args);
      break;
    case 'createComputer':
      decideCreatePrincipal(d, 'computer', command.args);
      break;
    case 'deletePrincipal':
      decideDeletePrincipal(d, command.args);
      break;
    case 'addMember':
      decideMembership(d, true, command.args);
      break;
    case 'removeMember':
      decideMembership(d, false, command.args);
      break;
    case 'addSidHistory':
      decideAddSidHistory(d, command.args);
      break;
    case 'logon':
      decideLogon(d, command.args);
      break;
    case 'logoff':
      decideLogoff(d, command.args);
      break;
    case 'purge':
      decidePurge(d, command.args);
      break;
    case 'purgeSystem':
      decidePurgeSystem(d, command.args);
      break;
    case 'startProcess':
      decideStartProcess(d, command.args);
      break;
    case 'endProcess':
      decideEndProcess(d, command.args);
      break;
    case 'access':
      decideAccess(d, command.args);
      break;
    case 'closeConnection':
      decideCloseConnection(d, command.args);
      break;
    case 'restart':
      decideRestart(d, command.args);
      break;
    case 'restartService':
      decideRestartService(d, command.args);
      break;
    case 'dcReachable':
      decideDcReachable(d, command.args);
      break;
    case 'setPolicy':
      decideSetPolicy(d, command.args);
      break;
    case 'observe':
      decideObserve(d, command.args);
      break;
  }
  return d.events;
}
