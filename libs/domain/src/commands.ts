import type { Auth, Service } from './events';
import type { Observation } from './observe/observation';
import type { Policy } from './policy';

/** The step verbs of SCENARIOS.md as typed commands, plus the set-up verbs a scenario's header implies. */
export interface CommandArgs {
  createDomain: { name: string; sid?: string; policy?: Partial<Policy> };
  provisionMachine: { name: string; policy?: Partial<Policy>; localAdmins?: string[] };
  boot: { machine: string };
  shutdown: { machine: string };
  createUser: { name: string; sid?: string; scope?: string };
  createGroup: { name: string; sid?: string; scope?: string };
  createComputer: { name: string; sid?: string };
  deletePrincipal: { name: string };
  addMember: { group: string; member: string };
  removeMember: { group: string; member: string };
  addSidHistory: { principal: string; sid: string };
  logon: { user: string; machine: string; session: string; type?: 'interactive' | 'rdp' };
  logoff: { session: string };
  purge: { session: string; elevated?: boolean };
  purgeSystem: { machine: string };
  startProcess: { session: string; process: string; elevated?: boolean; com?: boolean };
  endProcess: { process: string };
  access: {
    id?: string;
    process?: string;
    session?: string;
    server?: string;
    service: Service;
    auth: Auth;
    connection?: string;
    elevated?: boolean;
    delegateTo?: string;
  };
  closeConnection: { connection: string };
  restart: { machine: string };
  restartService: { machine: string; service: string };
  dcReachable: { machine: string; reachable: boolean };
  setPolicy: { machine?: string; policy: Partial<Policy> };
  /** One fact read from a Windows Security log (SIEM import). */
  observe: Observation;
}

export type Verb = keyof CommandArgs;
export type SimCommand = { [V in Verb]: { verb: V; args: CommandArgs[V] } }[Verb];
