import { CreateDomainHandler } from './create-domain.handler';
import { ProvisionMachineHandler } from './provision-machine.handler';
import { BootHandler } from './boot.handler';
import { ShutdownHandler } from './shutdown.handler';
import { CreateUserHandler } from './create-user.handler';
import { CreateGroupHandler } from './create-group.handler';
import { CreateComputerHandler } from './create-computer.handler';
import { DeletePrincipalHandler } from './delete-principal.handler';
import { AddMemberHandler } from './add-member.handler';
import { RemoveMemberHandler } from './remove-member.handler';
import { AddSidHistoryHandler } from './add-sid-history.handler';
import { LogonHandler } from './logon.handler';
import { LogoffHandler } from './logoff.handler';
import { PurgeHandler } from './purge.handler';
import { PurgeSystemHandler } from './purge-system.handler';
import { StartProcessHandler } from './start-process.handler';
import { EndProcessHandler } from './end-process.handler';
import { AccessHandler } from './access.handler';
import { CloseConnectionHandler } from './close-connection.handler';
import { RestartHandler } from './restart.handler';
import { RestartServiceHandler } from './restart-service.handler';
import { DcReachableHandler } from './dc-reachable.handler';
import { SetPolicyHandler } from './set-policy.handler';
import { ObserveHandler } from './observe.handler';

export const COMMAND_HANDLERS = [
  CreateDomainHandler,
  ProvisionMachineHandler,
  BootHandler,
  ShutdownHandler,
  CreateUserHandler,
  CreateGroupHandler,
  CreateComputerHandler,
  DeletePrincipalHandler,
  AddMemberHandler,
  RemoveMemberHandler,
  AddSidHistoryHandler,
  LogonHandler,
  LogoffHandler,
  PurgeHandler,
  PurgeSystemHandler,
  StartProcessHandler,
  EndProcessHandler,
  AccessHandler,
  CloseConnectionHandler,
  RestartHandler,
  RestartServiceHandler,
  DcReachableHandler,
  SetPolicyHandler,
  ObserveHandler,
];
