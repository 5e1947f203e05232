import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { READ_MODEL, type ReadModel } from '@tokentrail/projections';
import {
  ScenarioInvalid,
  ScenarioRunner,
  parseScenarioText,
  planScenario,
  scenarioSchema,
  type RunOutput,
} from '@tokentrail/scenarios';
import { SimulationService } from '@tokentrail/simulation';
import { stringify } from 'yaml';
import { z } from 'zod';

@ApiTags('simulations')
@Controller('simulations')
export class SimulationsController {
  constructor(
    private readonly runner: ScenarioRunner,
    private readonly simulations: SimulationService,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Run a scenario (JSON, or YAML as text) into a new simulation; returns the results of SCENARIOS.md',
  })
  @ApiQuery({ name: 'id', required: false, description: 'the simulation id (default: generated)' })
  @ApiBody({
    schema: z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as object,
  })
  async run(
    @Body() body: unknown,
    @Query('id') id?: string,
  ): Promise<RunOutput & { simulation: string }> {
    if (
      body === undefined ||
      body === null ||
      (typeof body === 'object' && Object.keys(body).length === 0)
    )
      throw new ScenarioInvalid(
        '',
        'the body is a scenario (JSON, or YAML with Content-Type text/yaml)',
      );
    const text = typeof body === 'string' ? body : stringify(body);
    const simulation = id ?? `sim-${randomUUID().slice(0, 8)}`;
    const out = await this.runner.run(planScenario(parseScenarioText(text)), { simulation });
    return { simulation, ...out };
  }

  @Get()
  @ApiOperation({
    summary: 'Every simulation the projections know, with its event count and time span',
  })
  list() {
    return { simulations: this.readModel.simulations().map(summary) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One simulation: its event count, time span and last positions' })
  async one(@Param('id') id: string) {
    await this.simulations.assertExists(id);
    const sim = await this.simulations.load(id);
    const row = this.readModel.simulation(id);
    return {
      id,
      events: sim.world.seq,
      lastAt: sim.world.lastOccurredAt,
      lastGlobalPosition: sim.world.lastPosition?.toString() ?? null,
      projected: row ? summary(row) : null,
      machines: [...sim.world.machines.values()].map((m) => ({
        name: m.name,
        up: m.up,
        boot: m.boot,
      })),
      sessions: [...sim.world.sessions.values()].map((s) => ({
        label: s.label,
        user: s.user,
        machine: s.machine,
        halves: [...s.halves.keys()],
        denied: !!s.denied,
        loggedOff: s.loggedOff,
      })),
    };
  }
}

function summary(r: ReturnType<ReadModel['simulations']>[number]) {
  // Remediation forks are simulations too (`<id>~fork-<n>`): say whose.
  const fork = /^(.*)~fork-[^~]+$/.exec(r.id);
  return {
    id: r.id,
    events: r.events,
    firstAt: r.firstAt,
    lastAt: r.lastAt,
    lastGlobalPosition: r.lastPosition.toString(),
    monotonic: r.monotonic,
    ...(fork ? { forkOf: fork[1] } : {}),
  };
}
