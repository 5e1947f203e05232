import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, type SimEvent } from '@tokentrail/domain';
import { ScenarioInvalid, VERB_SCHEMAS, planStep, stepAnswer } from '@tokentrail/scenarios';
import { CommandSender, SimulationService } from '@tokentrail/simulation';
import { z } from 'zod';
import { serializeEvent } from './serialize-event';

const stepExample = {
  at: '2026-03-02T09:00:00Z',
  logon: { user: 'alice', machine: 'WS1', session: 's1' },
};

@ApiTags('commands')
@Controller('simulations/:id/commands')
export class CommandsController {
  constructor(
    private readonly simulations: SimulationService,
    private readonly commands: CommandSender,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'One step verb, shaped as a scenario step: { at?, <verb>: { …arguments } }. 404 unknown simulation, 409 conflict, 422 invalid (names the field)',
  })
  @ApiBody({
    schema: {
      type: 'object',
      example: stepExample,
      properties: {
        at: {
          type: 'string',
          description: 'ISO 8601 with a zone; default: the time of the simulation’s last event',
        },
        ...Object.fromEntries(
          Object.entries(VERB_SCHEMAS).map(([verb, schema]) => [
            verb,
            z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
          ]),
        ),
      },
    },
  })
  async run(@Param('id') id: string, @Body() body: unknown) {
    await this.simulations.assertExists(id);
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new ScenarioInvalid('', 'the body is one step: { "at": "…", "<verb>": { … } }');
    const step = body as Record<string, unknown>;
    if (typeof step.at === 'string' && !step.at.startsWith('+') && !/T/.test(step.at))
      throw new ScenarioInvalid('at', 'an API command needs an absolute ISO 8601 time with a zone');
    const sim = await this.simulations.load(id);
    const last = Date.parse(sim.world.lastOccurredAt ?? new Date(0).toISOString());
    const planned = planStep(step, { start: last, previous: last }, []);
    const events = [];
    const verb = planned[0].step?.verb as string;
    try {
      for (const p of planned)
        events.push(
          ...(await this.commands.send(id, p.command, p.at, { correlationId: `api-${Date.now()}` }))
            .events,
        );
    } catch (error) {
      // Name the field as the body does: `logon.user`, not `user`.
      if (error instanceof DomainError && error.field && error.field !== 'at')
        throw new DomainError(error.code, error.message, `${verb}.${error.field}`);
      throw error;
    }
    const answer = stepAnswer(events.map((e) => ({ type: e.type, data: e.data }) as SimEvent));
    return {
      simulation: id,
      at: planned[0].at,
      verb,
      ...answer,
      events: events.map((e) => serializeEvent(e)),
    };
  }
}
