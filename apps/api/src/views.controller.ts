import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
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
const asOf = (target: object, key: string, d: PropertyDescriptor) =>
  AS_OF.forEach((dec) => dec(target, key, d));

/** Time-travel questions over HTTP: the query kinds of SCENARIOS.md, as of `at` or `position`. */
@ApiTags('views')
@Requires('reader')
@Controller('simulations/:id')
export class ViewsController {
  constructor(
    private readonly queries: QueryService,
    private readonly catalog: SimulationCatalog,
    private readonly projector: Projector,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
  ) {}

  private async ask(id: string, kind: QueryKind, args: Record<string, unknown>, q: Q) {
    await this.catalog.assertExists(id);
    const query = parseQuery(kind, args);
    return { simulation: id, kind, ...(await this.queries.answer(id, query, asOfFrom(q))) };
  }

  @Get('truth/:principal')
  @ApiOperation({ summary: "A principal's directory truth (by name or SID)" })
  @asOf
  truth(@Param('id') id: string, @Param('principal') principal: string, @Query() q: Q) {
    return this.ask(id, 'truth', { principal }, q);
  }

  @Get('truth/:principal/history')
  @ApiOperation({ summary: "A principal's directory truth over time (the projection's intervals)" })
  async truthHistory(@Param('id') id: string, @Param('principal') principal: string) {
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
  @asOf
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
  @asOf
  tgt(@Param('id') id: string, @Query() q: Q) {
    return this.ask(
      id,
      'tgt',
      { session: q.session, elevated: flag(q.elevated, 'elevated'), machine: q.machine },
      q,
    );
  }

  @Get('logon-cache')
  @asOf
  logonCache(@Param('id') id: string, @Query() q: Q) {
    return this.ask(id, 'logonCache', { machine: q.machine, user: q.user }, q);
  }

  @Get('basic-cache')
  @asOf
  basicCache(@Param('id') id: string, @Query() q: Q) {
    return this.ask(id, 'basicCache', { server: q.server, user: q.user }, q);
  }

  @Get('smb-sessions')
  @asOf
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
  @asOf
  stale(@Param('id') id: string, @Query() q: Q) {
    return this.ask(id, 'stale', { principal: q.principal }, q);
  }

  @Get('explain')
  @ApiOperation({
    summary:
      'Lineage, oldest first: ?access=ID, or the arguments of token / tgt / smbSession / basicCache (&of=)',
  })
  @asOf
  explain(@Param('id') id: string, @Query() q: Q) {
    const { at: _at, position: _position, elevated, ...rest } = q;
    return this.ask(id, 'explain', { ...rest, elevated: flag(elevated, 'elevated') }, q);
  }

  @Get('remediate')
  @ApiOperation({
    summary:
      'Minimal actions for ?principal= on a path (&server=&service=&auth=, or &session=), proven on a fork held in memory (nothing is stored)',
  })
  @asOf
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
  async artifacts(@Param('id') id: string, @Query() q: Q) {
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
