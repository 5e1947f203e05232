import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidArgument } from '@tokentrail/domain';
import { Projector, QueryService, type Timeline } from '@tokentrail/projections';
import { SimulationCatalog } from '@tokentrail/simulation';
import { Refuses, Returns } from './contract/responses.decorator';
import {
  lineageBodySchema,
  principalListSchema,
  timelineBodySchema,
  type LineageBody,
  type PrincipalList,
} from './contract/timeline-bodies';
import { Requires } from './requires.decorator';

/**
 * The analyst's page reads these: a principal's timeline over a whole simulation, the principals
 * to pick from, and the lineage of an artifact's source event. They are answered from the read
 * model, so each waits for the projector to hold what is stored (unless this process runs none).
 */
@ApiTags('timeline')
@Requires('reader')
@Controller('simulations/:id')
export class TimelineController {
  constructor(
    private readonly queries: QueryService,
    private readonly catalog: SimulationCatalog,
    private readonly projector: Projector,
  ) {}

  private async projected(id: string): Promise<void> {
    await this.catalog.assertExists(id);
    if (this.projector.mode !== 'off') await this.projector.settled();
  }

  private static notProjected(id: string): NotFoundException {
    return new NotFoundException(`the projections do not hold simulation "${id}" yet`);
  }

  @Get('timeline')
  @ApiOperation({
    summary:
      "A principal's timeline over the whole simulation: directory truth (intervals, and each change as a mark, baseline facts marked) and one lane per artifact interval with its stale segments (missing and lingering groups)",
  })
  @ApiQuery({ name: 'principal', required: true, description: 'a name, former name or SID' })
  @Returns(200, "the principal's truth and artifact lanes", timelineBodySchema)
  @Refuses(404, 410, 422, 503)
  async timeline(
    @Param('id') id: string,
    @Query('principal') principal?: string,
  ): Promise<Timeline> {
    if (!principal)
      throw new InvalidArgument('principal', 'required: a name, a former name or a SID');
    await this.projected(id);
    const timeline = await this.queries.timeline(id, principal);
    if (!timeline) throw TimelineController.notProjected(id);
    return timeline;
  }

  @Get('principals')
  @ApiOperation({
    summary:
      'The users and computers of a simulation as its log ends, with how many artifact intervals each holds',
  })
  @Returns(200, 'users first, then computers, by name', principalListSchema)
  @Refuses(404, 410, 503)
  async principals(@Param('id') id: string): Promise<PrincipalList> {
    await this.projected(id);
    return { simulation: id, kind: 'principals', items: await this.queries.principals(id) };
  }

  @Get('lineage/:event')
  @ApiOperation({
    summary:
      'The lineage of one event (an artifact’s source event), oldest first: for artifacts explain has no arguments for',
  })
  @Returns(200, 'the chain of events, oldest first', lineageBodySchema)
  @Refuses(404, 410, 422, 503)
  async lineage(@Param('id') id: string, @Param('event') event: string): Promise<LineageBody> {
    await this.projected(id);
    const items = this.queries.lineage(id, event);
    if (!items)
      throw new InvalidArgument('event', `"${event}" is not an event of simulation "${id}"`);
    return { simulation: id, kind: 'lineage', event, items };
  }
}
