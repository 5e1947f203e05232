import { Injectable } from '@nestjs/common';
import {
  InvalidArgument,
  groupNames,
  planRemediation,
  type EventOf,
  type RemediationTarget,
  type SimCommand,
} from '@tokentrail/domain';
import {
  QueryService,
  stampOf,
  type Answer,
  type AsOf,
  type QueryArgs,
  type ViewStamp,
} from '@tokentrail/projections';
import { ForkService } from './fork.service';
import { CommandSender } from './command-sender';

/** SEMANTICS.md §11: plan the minimal actions, then prove them by replaying on a fork. */
@Injectable()
export class RemediationService {
  constructor(
    private readonly queries: QueryService,
    private readonly forks: ForkService,
    private readonly commands: CommandSender,
  ) {}

  async remediate(
    simulation: string,
    args: QueryArgs['remediate'],
    asOf: AsOf,
  ): Promise<Answer & ViewStamp & { fork: string }> {
    const view = await this.queries.view(simulation, asOf);
    const target = (
      args.session
        ? { principal: args.principal, session: args.session }
        : { principal: args.principal, server: args.server, service: args.service, auth: args.auth }
    ) as RemediationTarget;
    if (!args.session && (!args.server || !args.service || !args.auth))
      throw new InvalidArgument('server', 'remediate needs a session, or server + service + auth');
    const plan = planRemediation(view.world, view.at, target);
    const fork = await this.forks.fork(simulation, asOf);
    let at = view.at;
    for (const a of plan.actions) {
      if (a.action === 'wait') {
        at = a.until;
        continue;
      }
      const command: SimCommand =
        a.action === 'purge'
          ? { verb: 'purge', args: { session: a.session, elevated: a.elevated } }
          : a.action === 'logoff'
            ? { verb: 'logoff', args: { session: a.session } }
            : a.action === 'logon'
              ? { verb: 'logon', args: { user: a.user, machine: a.machine, session: a.session } }
              : { verb: 'restart', args: { machine: a.machine } };
      await this.commands.send(fork, command, at);
    }
    const outcome = await this.commands.send(fork, { verb: 'access', args: plan.check.args }, at);
    const made = outcome.events.find((e) => e.type === 'AccessMade')?.data as
      EventOf<'AccessMade'>['data'] | undefined;
    const items = plan.actions.map((a) => ({ ...a }));
    if (!made || made.denied || !made.membership)
      return {
        items,
        denied: true,
        reason: made?.reason ?? 'no access was made',
        ...stampOf(view),
        fork,
      };
    return {
      items,
      groups: groupNames(made.membership),
      sids: made.sids,
      source: made.source ?? undefined,
      ...stampOf(view),
      fork,
    };
  }
}
