import type { Command } from 'commander';
import {
  InvalidArgument,
  QUERY_KINDS,
  isQueryKind,
  parseQuery,
  type Answer,
  type QueryArgs,
  type QueryKind,
} from '@tokentrail/domain';
import { QueryService, asOfFrom } from '@tokentrail/projections';
import { SimulationCatalog } from '@tokentrail/simulation';
import { SERVER_OPTION, serverOf, type ApiClient } from './api-client';
import { describeAnswer, describeItems } from './print-answer';
import { colors } from './style';
import { reportErrors } from './report-errors';
import { withApp } from './with-app';

type QueryOptions = Partial<QueryArgs['explain']> &
  Partial<Record<'principal' | 'service' | 'auth', string>> & {
    at?: string;
    position?: string;
    json?: boolean;
    apiUrl?: string;
  };

/** The HTTP route of each kind (GET /simulations/{id}/…). */
const ROUTES: Record<QueryKind, string> = {
  truth: 'truth',
  token: 'tokens',
  tgt: 'tickets',
  logonCache: 'logon-cache',
  basicCache: 'basic-cache',
  smbSession: 'smb-sessions',
  stale: 'stale',
  explain: 'explain',
  remediate: 'remediate',
};

/** The same question asked of a server: the query's arguments as query parameters. */
function askServer(
  server: ApiClient,
  simulation: string,
  kind: QueryKind,
  args: Record<string, unknown>,
  o: QueryOptions,
): Promise<Record<string, unknown>> {
  const { principal, ...rest } = args;
  const path = kind === 'truth' ? `truth/${encodeURIComponent(String(principal))}` : ROUTES[kind];
  const query = new URLSearchParams(
    Object.entries({ ...(kind === 'truth' ? rest : args), at: o.at, position: o.position })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, string] => [k, String(v)]),
  );
  return server.json('GET', `simulations/${encodeURIComponent(simulation)}/${path}?${query}`);
}

/**
 * The CLI's arguments as the query's: the positional argument is the principal (truth, stale,
 * remediate) or the access id (explain).
 */
function argsOf(
  kind: QueryKind,
  target: string | undefined,
  o: QueryOptions,
): Record<string, unknown> {
  const args: Record<string, unknown> = {
    session: o.session,
    elevated: o.elevated,
    process: o.process,
    machine: o.machine,
    server: o.server,
    user: o.user,
    principal: o.principal,
    access: o.access,
    service: o.service,
    auth: o.auth,
    of: o.of,
  };
  if (target !== undefined)
    args[
      kind === 'explain'
        ? 'access'
        : kind === 'logonCache' || kind === 'basicCache'
          ? 'user'
          : 'principal'
    ] = target;
  // Options not given are dropped; one that does not fit the kind is refused by its schema, by
  // name.
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description(
      `ask a simulation a time-travel question (${QUERY_KINDS.join(', ')}) as of --at T or --position P`,
    )
    .argument('<simulation>', 'the simulation id')
    .argument('<kind>', QUERY_KINDS.join(' | '))
    .argument(
      '[target]',
      'the principal (name or SID) for truth, stale and remediate; the user for logonCache and basicCache; the access id for explain',
    )
    .option('--at <time>', 'ISO 8601 time with a zone')
    .option('--position <n>', "the simulation's event number (1 = its first event)")
    .option('--session <label>')
    .option('--elevated', 'the elevated half of a UAC-split session')
    .option('--process <label>')
    .option('--machine <name>')
    .option('--server <name>')
    .option('--user <name>')
    .option('--principal <name>')
    .option('--access <id>')
    .option('--service <service>', 'smb, http, ldap, smtp, pop3, rpc, sql or file (remediate)')
    .option('--auth <auth>', 'kerberos, ntlm, schannel or basic (remediate)')
    .option('--of <artifact>', 'explain: token, tgt, smbSession or basicCache')
    .option('--json', 'print the result as JSON')
    .option(...SERVER_OPTION)
    .action(
      reportErrors(
        async (simulation: string, kind: string, target: string | undefined, o: QueryOptions) => {
          if (!isQueryKind(kind))
            throw new InvalidArgument('kind', `"${kind}" is not one of ${QUERY_KINDS.join(', ')}`);
          const asOf = asOfFrom({ at: o.at, position: o.position });
          const args = argsOf(kind, target, o);
          const query = parseQuery(kind, args);
          const server = serverOf(o);
          if (server) {
            const answer = await askServer(server, simulation, kind, args, o);
            return console.log(o.json ? JSON.stringify(answer, null, 2) : readable(answer));
          }
          const result = await withApp(async (app) => {
            await app.get(SimulationCatalog).assertExists(simulation);
            return app.get(QueryService).answer(simulation, query, asOf);
          });
          const out = { simulation, kind, ...result };
          console.log(o.json ? JSON.stringify(out, null, 2) : readable(out));
        },
      ),
    );
}

/** One answer as a person reads it: where it stands, the groups, then its items. */
function readable(out: Record<string, unknown>): string {
  const answer = out as Answer & Record<string, unknown>;
  const lines = [
    colors.dim(
      `${String(out.kind)} in ${String(out.simulation)} at ${String(out.at)} (event ${String(out.position)}, global position ${String(out.globalPosition)}; simulation ${String(out.status ?? 'not yet projected')})`,
    ),
  ];
  const said = describeAnswer(answer);
  if (said && !answer.items) lines.push(said);
  if (Array.isArray(answer.sids)) lines.push(colors.dim(`sids: ${answer.sids.join(' ')}`));
  if (answer.source) lines.push(`source: ${answer.source}`);
  if (answer.items) {
    if (answer.denied) lines.push(colors.red(`denied: ${answer.reason ?? ''}`));
    if (answer.groups) lines.push(`groups: ${answer.groups.join(', ') || '(no groups)'}`);
    lines.push(...describeItems(String(out.kind), answer.items));
  }
  return lines.join('\n');
}
