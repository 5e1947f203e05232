import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { artifactSids, groupNames, parseQuery, type QueryKind } from '@tokentrail/domain';
import {
  Projector,
  QueryService,
  READ_MODEL,
  asOfFrom,
  flag,
  type ReadModel,
} from '@tokentrail/projections';
import { SimulationCatalog } from '@tokentrail/simulation';
import { Refuses, Returns } from './contract/responses.decorator';
import {
  artifactListSchema,
  truthHistorySchema,
  viewAnswerSchema,
  type ArtifactList,
  type TruthHistory,
  type ViewAnswer,
} from './contract/view-bodies';
import { QuestionTimer } from './observability/question-timer.interceptor';
import { Requires } from './requires.decorator';

type Q = Record<string, string | undefined>;
const AS_OF = [
  ApiQuery({
    name: 'at',
    required: false,
    description: 'ISO 8601 time with a zone (or give position)',
  }),
  ApiQuery({
    name: 'position',
    required: false,
    description: "the simulation's event number, from 1",
  }),
];
const ANSWER = [
  Returns(200, 'the answer, and where in the log it stands', viewAnswerSchema),
  Refuses(404, 410, 422, 503),
];
const asOf = (target: object, key: string, d: PropertyDescriptor) =>
  AS_OF.forEach((dec) => dec(target, key, d));
/** A question as of `at` or `position`: its parameters, its answer and its refusals. */
const question = (target: object, key: string, d: PropertyDescriptor) =>
  [...AS_OF, ...ANSWER].forEach((dec) => dec(target, key, d));

/** Time-travel questions over HTTP: the query kinds of SCENARIOS.md, as of `at` or `position`. */
@ApiTags('views')
@Requires('reader')
@UseInterceptors(QuestionTimer)
@Controller('simulations/:id')
export class ViewsController {
  constructor(
    private readonly queries: QueryService,
    private readonly catalog: SimulationCatalog,
    private readonly projector: Projector,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
  ) {}

  private async ask(
    id: string,
    kind: QueryKind,
    args: Record<string, unknown>,
    q: Q,
  ): Promise<ViewAnswer> {
    await this.catalog.assertExists(id);
    const query = parseQuery(kind, args);
    return { simulation: id, kind, ...(await this.queries.answer(id, query, asOfFrom(q))) };
  }

  @Get('truth/:principal')
  @ApiOperation({ summary: "A principal's directory truth (by name or SID)" })
  @question
  truth(@Param('id') id: string, @Param('principal') principal: string, @Query() q: Q) {
    return this.ask(id, 'truth', { principal }, q);
  }

  @Get('truth/:principal/history')
  @ApiOperation({ summary: "A principal's directory truth over time (the projection's intervals)" })
  @Returns(200, 'the truth intervals, oldest first', truthHistorySchema)
  @Refuses(404, 410, 422, 503)
  async truthHistory(
    @Param('id') id: string,
    @Param('principal') principal: string,
  ): Promise<TruthHistory> {
    await this.catalog.assertExists(id);
    await this.projector.settled();
    const { source } = await this.queries.artifacts(id, { position: Number.MAX_SAFE_INTEGER });
    const { sid } = source.names.principal(principal, 'principal');
    return {
      simulation: id,
      kind: 'truthHistory',
      principal,
      sid,
      items: this.readModel.truthIntervals(id, sid),
    };
  }

  @Get('tokens')
  @ApiOperation({
    summary: 'A token: ?session= (&elevated=true), ?process= or ?machine= (its system token)',
  })
  @question
  token(@Param('id') id: string, @Query() q: Q) {
    return this.ask(
      id,
      'token',
      {
        session: q.session,
        elevated: flag(q.elevated, 'elevated'),
        process: q.process,
        machine: q.machine,
      },
      q,
    );
  }

  @Get('tickets')
  @ApiOperation({
    summary:
      'The PAC of the current TGT: ?session= (&elevated=true), or ?machine= for the computer’s own',
  })
  @question
  tgt(@Param('id') id: string, @Query() q: Q) {
    return this.ask(
      id,
      'tgt',
      { session: q.session, elevated: flag(q.elevated, 'elevated'), machine: q.machine },
      q,
    );
  }

  @Get('logon-cache')
  @ApiOperation({ summary: "A machine's logon-cache entry for a user: ?machine=&user=" })
  @question
  logonCache(@Param('id') id: string, @Query() q: Q) {
    return this.ask(id, 'logonCache', { machine: q.machine, user: q.user }, q);
  }

  @Get('basic-cache')
  @ApiOperation({ summary: "A server's cached Basic token for a user: ?server=&user=" })
  @question
  basicCache(@Param('id') id: string, @Query() q: Q) {
    return this.ask(id, 'basicCache', { server: q.server, user: q.user }, q);
  }

  @Get('smb-sessions')
  @ApiOperation({
    summary:
      'The SMB session a logon session holds to a server: ?session=&server= (&elevated=true)',
  })
  @question
  smbSession(@Param('id') id: string, @Query() q: Q) {
    return this.ask(
      id,
      'smbSession',
      { session: q.session, elevated: flag(q.elevated, 'elevated'), server: q.server },
      q,
    );
  }

  @Get('stale')
  @ApiOperation({
    summary:
      'Every artifact whose groups differ from truth at T, with missing and lingering groups',
  })
  @question
  stale(@Param('id') id: string, @Query() q: Q) {
    return this.ask(id, 'stale', { principal: q.principal }, q);
  }

  @Get('explain')
  @ApiOperation({
    summary:
      'Lineage, oldest first: ?access=ID, or the arguments of token / tgt / smbSession / basicCache (&of=)',
  })
  @question
  explain(@Param('id') id: string, @Query() q: Q) {
    const { at: _at, position: _position, elevated, ...rest } = q;
    return this.ask(id, 'explain', { ...rest, elevated: flag(elevated, 'elevated') }, q);
  }

  @Get('remediate')
  @ApiOperation({
    summary:
      'Minimal actions for ?principal= on a path (&server=&service=&auth=, or &session=), proven on a fork held in memory (nothing is stored)',
  })
  @question
  remediate(@Param('id') id: string, @Query() q: Q) {
    return this.ask(
      id,
      'remediate',
      {
        principal: q.principal,
        server: q.server,
        service: q.service,
        auth: q.auth,
        session: q.session,
      },
      q,
    );
  }

  @Get('artifacts')
  @ApiOperation({ summary: 'Every live artifact at T, optionally of one kind or principal' })
  @asOf
  @ApiQuery({ name: 'kind', required: false })
  @ApiQuery({ name: 'principal', required: false })
  @Returns(200, 'the live artifacts, by kind and id', artifactListSchema)
  @Refuses(404, 410, 422, 503)
  async artifacts(@Param('id') id: string, @Query() q: Q): Promise<ArtifactList> {
    await this.catalog.assertExists(id);
    const { stamp, artifacts, source } = await this.queries.artifacts(id, asOfFrom(q));
    let who: string | undefined;
    try {
      who = q.principal ? source.names.principal(q.principal, 'principal').sid : undefined;
    } catch {
      who = undefined; // not a principal then: match by the name the artifacts carry
    }
    const items = artifacts
      .filter(
        (a) =>
          (!q.kind || a.kind === q.kind) &&
          (!q.principal ||
            a.principalSid === who ||
            a.principal.toLowerCase() === q.principal.toLowerCase()),
      )
      .sort((x, y) => x.kind.localeCompare(y.kind) || x.id.localeCompare(y.id))
      .map((a) => ({
        kind: a.kind,
        id: a.id,
        principal: a.principal,
        machine: a.machine,
        groups: groupNames(a.membership),
        sids: artifactSids(a),
        since: a.since,
        ...(a.expiresAt ? { expiresAt: a.expiresAt } : {}),
        sourceEvent: a.eventId,
      }));
    return { simulation: id, kind: 'artifacts', ...stamp, items };
  }
}
