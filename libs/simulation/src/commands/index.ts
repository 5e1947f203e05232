export * from './create-domain.command';
export * from './provision-machine.command';
export * from './boot.command';
export * from './shutdown.command';
export * from './create-user.command';
export * from './create-group.command';
export * from './create-computer.command';
export * from './delete-principal.command';
export * from './add-member.command';
export * from './remove-member.command';
export * from './add-sid-history.command';
export * from './logon.command';
export * from './logoff.command';
export * from './purge.command';
export * from './purge-system.command';
export * from './start-process.command';
export * from './end-process.command';
export * from './access.command';
export * from './close-connection.command';
export * from './restart.command';
export * from './restart-service.command';
export * from './dc-reachable.command';
export * from './set-policy.command';
export * from './observe.command';

import type { Verb } from '@tokentrail/domain';
import type { SimulationCommand, CommandMeta } from '../simulation-command';
import { CreateDomainCommand } from './create-domain.command';
import { ProvisionMachineCommand } from './provision-machine.command';
import { BootCommand } from './boot.command';
import { ShutdownCommand } from './shutdown.command';
import { CreateUserCommand } from './create-user.command';
import { CreateGroupCommand } from './create-group.command';
import { CreateComputerCommand } from './create-computer.command';
import { DeletePrincipalCommand } from './delete-principal.command';
import { AddMemberCommand } from './add-member.command';
import { RemoveMemberCommand } from './remove-member.command';
import { AddSidHistoryCommand } from './add-sid-history.command';
import { LogonCommand } from './logon.command';
import { LogoffCommand } from './logoff.command';
import { PurgeCommand } from './purge.command';
import { PurgeSystemCommand } from './purge-system.command';
import { StartProcessCommand } from './start-process.command';
import { EndProcessCommand } from './end-process.command';
import { AccessCommand } from './access.command';
import { CloseConnectionCommand } from './close-connection.command';
import { RestartCommand } from './restart.command';
import { RestartServiceCommand } from './restart-service.command';
import { DcReachableCommand } from './dc-reachable.command';
import { SetPolicyCommand } from './set-policy.command';
import { ObserveCommand } from './observe.command';

/** The command class of each verb: how a scenario step or an API body becomes a command. */
export const COMMAND_OF: {
  [V in Verb]: new (
    simulation: string,
    at: string,
    args: never,
    meta?: CommandMeta,
  ) => SimulationCommand<V>;
} = {
  createDomain: CreateDomainCommand,
  provisionMachine: ProvisionMachineCommand,
  boot: BootCommand,
  shutdown: ShutdownCommand,
  createUser: CreateUserCommand,
  createGroup: CreateGroupCommand,
  createComputer: CreateComputerCommand,
  deletePrincipal: DeletePrincipalCommand,
  addMember: AddMemberCommand,
  removeMember: RemoveMemberCommand,
  addSidHistory: AddSidHistoryCommand,
  logon: LogonCommand,
  logoff: LogoffCommand,
  purge: PurgeCommand,
  purgeSystem: PurgeSystemCommand,
  startProcess: StartProcessCommand,
  endProcess: EndProcessCommand,
  access: AccessCommand,
  closeConnection: CloseConnectionCommand,
  restart: RestartCommand,
  restartService: RestartServiceCommand,
  dcReachable: DcReachableCommand,
  setPolicy: SetPolicyCommand,
  observe: ObserveCommand,
};
