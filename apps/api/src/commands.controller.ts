import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@tokentrail/domain';
import { ScenarioInvalid, planStep, stepAnswer, stepSchema } from '@tokentrail/scenarios';
import { CommandSender, SimulationCatalog, SimulationRepository } from '@tokentrail/simulation';
import { z } from 'zod';
import { commandAnswerSchema, type CommandAnswer } from './contract/event-bodies';
import { Refuses, Returns } from './contract/responses.decorator';
import { Requires } from './requires.decorator';
import { serializeEvent } from './serialize-event';

const stepExample = {
  at: '2026-03-02T09:00:00Z',
  logon: { user: 'alice', machine: 'WS1', session: 's1' },
};

@ApiTags('commands')
@Requires('writer')
@Controller('simulations/:id/commands')
export class CommandsController {
  constructor(
    private readonly catalog: SimulationCatalog,
    private readonly simulations: SimulationRepository,
    private readonly commands: CommandSender,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'One step verb, shaped as a scenario step: { at?, <verb>: { …arguments } }',
  })
  @ApiBody({
    schema: {
      ...(z.toJSONSchema(stepSchema, {
        io: 'input',
        unrepresentable: 'any',
        target: 'openapi-3.0',
      }) as object),
      example: stepExample,
    },
  })
  @Returns(
    201,
    'the step’s answer (a logon’s token, an access’s view) and its events',
    commandAnswerSchema,
  )
  @Refuses(400, 404, 409, 410, 413, 415, 422, 503, 507)
  async run(@Param('id') id: string, @Body() body: unknown): Promise<CommandAnswer> {
    await this.catalog.assertExists(id);
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new ScenarioInvalid('', 'the body is one step: { "at": "…", "<verb>": { … } }');
    }
    const step = body as Record<string, unknown>;
    if (typeof step.at === 'string' && !step.at.startsWith('+') && !/T/.test(step.at)) {
      throw new ScenarioInvalid('at', 'an API command needs an absolute ISO 8601 time with a zone');
    }
    const { world } = await this.simulations.load(id);
    const last = Date.parse(world.maxOccurredAt ?? new Date(0).toISOString());
    const planned = planStep(step, { start: last, previous: last }, []);
    const verb = planned[0].step?.verb as string;
    let results;
    try {
      results = await this.commands.batch(id, planned, {
        correlationId: `api-${Date.now()}`,
        refusals: 'fail',
      });
    } catch (error) {
      // Name the field as the body does: `logon.user`, not `user`.
      if (error instanceof DomainError && error.field && error.field !== 'at')
        throw new DomainError(error.code, error.message, `${verb}.${error.field}`);
      throw error;
    }
    const events = results.flatMap((r) => ('events' in r ? r.events : []));
    return {
      simulation: id,
      at: planned[0].at,
      verb,
      ...stepAnswer(events.map((e) => e.event)),
      events: events.map((e) => serializeEvent(id, e)),
    };
  }
}
