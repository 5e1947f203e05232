import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { READ_MODEL, type ReadModel, type SimulationRow } from '@tokentrail/projections';
import {
  ScenarioInvalid,
  ScenarioRunner,
  parseScenario,
  parseScenarioText,
  planScenario,
  scenarioJsonSchema,
} from '@tokentrail/scenarios';
import { RunLog, SimulationCatalog, SimulationRepository } from '@tokentrail/simulation';
import { runsStatus } from '@tokentrail/domain';
import { API_CONFIG, type ApiConfig } from './api-config';
import { Refuses, Returns } from './contract/responses.decorator';
import {
  scenarioRunSchema,
  simulationDeletedSchema,
  simulationDetailSchema,
  simulationListSchema,
  type ScenarioRun,
  type SimulationDeleted,
  type SimulationDetail,
  type SimulationList,
  type SimulationSummary,
} from './contract/simulation-bodies';
import { Requires } from './requires.decorator';
import type { AccessRequest } from './request-access';

@ApiTags('simulations')
@Controller('simulations')
export class SimulationsController {
  constructor(
    private readonly runner: ScenarioRunner,
    private readonly catalog: SimulationCatalog,
    private readonly simulations: SimulationRepository,
    private readonly runs: RunLog,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('writer', 'query')
  @ApiOperation({
    summary:
      'Run a scenario (JSON, or YAML as text) into a new simulation; returns the results of SCENARIOS.md',
  })
  @ApiQuery({ name: 'id', required: false, description: 'the simulation id (default: generated)' })
  @ApiConsumes('application/json', 'text/yaml', 'application/yaml')
  @ApiBody({
    description: 'A scenario file (SCENARIOS.md): JSON, or the same as YAML text',
    schema: scenarioJsonSchema('openapi-3.0') as object,
  })
  @Returns(201, 'the results of SCENARIOS.md, and the simulation they went into', scenarioRunSchema)
  @Refuses(400, 409, 410, 413, 415, 422, 503, 507)
  async run(@Body() body: unknown, @Query('id') id?: string): Promise<ScenarioRun> {
    if (
      body === undefined ||
      body === null ||
      (typeof body === 'object' && Object.keys(body).length === 0)
    ) {
      throw new ScenarioInvalid(
        '',
        'the body is a scenario (JSON, or YAML with Content-Type text/yaml)',
      );
    }
    const file = typeof body === 'string' ? parseScenarioText(body) : parseScenario(body);
    const steps = file.steps?.length ?? 0;
    if (steps > this.config.TOKENTRAIL_MAX_STEPS)
      throw new PayloadTooLargeException(
        `a scenario run over HTTP has at most ${this.config.TOKENTRAIL_MAX_STEPS} steps (TOKENTRAIL_MAX_STEPS), this one ${steps}: run it with tokentrail run`,
      );
    const simulation = id ?? `sim-${randomUUID().slice(0, 8)}`;
    const out = await this.runner.run(planScenario(file), { simulation });
    return { simulation, ...out };
  }

  @Get()
  @Requires('reader', 'filtered')
  @ApiOperation({
    summary:
      'Every simulation the projections know (those the key may see), with its event count, time span and status',
  })
  @Returns(200, 'the simulations the key may see', simulationListSchema)
  list(@Req() req: AccessRequest): SimulationList {
    const only = req.access?.key?.simulations;
    return {
      simulations: this.readModel
        .simulations()
        .filter((r) => !only || only.includes(r.id))
        .map(summary),
    };
  }

  @Get(':id')
  @Requires('reader')
  @ApiOperation({
    summary: 'One simulation: its status, event count, time span, runs, machines and live sessions',
  })
  @Returns(200, 'the simulation', simulationDetailSchema)
  @Refuses(404, 410, 422, 503)
  async one(@Param('id') id: string): Promise<SimulationDetail> {
    await this.catalog.assertExists(id);
    const { world } = await this.simulations.load(id);
    const { runs } = await this.runs.runs(id);
    const row = this.readModel.simulation(id);
    return {
      id,
      status: runsStatus(runs),
      events: world.position,
      lastAt: world.lastOccurredAt,
      lastGlobalPosition: world.lastGlobalPosition?.toString() ?? null,
      runs: [...runs.values()],
      projected: row ? summary(row) : null,
      machines: [...world.machines.values()].map((m) => ({ name: m.name, up: m.up, boot: m.boot })),
      sessions: [...world.sessions.values()].map((s) => ({
        label: s.label,
        user: s.user,
        machine: s.machine,
        halves: [...s.halves.keys()],
        denied: !!s.denied,
        loggedOff: s.loggedOff,
      })),
    };
  }

  @Delete(':id')
  @Requires('admin')
  @ApiOperation({
    summary:
      'Delete a simulation: its log and runs go; the store records the deletion, and the id is not used again',
  })
  @Returns(200, 'what was deleted', simulationDeletedSchema)
  @Refuses(404, 410, 422, 503, 507)
  async remove(@Param('id') id: string): Promise<SimulationDeleted> {
    const { events } = await this.catalog.delete(id);
    return { simulation: id, deleted: true, events };
  }
}

function summary(r: SimulationRow): SimulationSummary {
  return {
    id: r.id,
    status: r.status,
    events: r.events,
    firstAt: r.firstAt,
    lastAt: r.lastAt,
    lastGlobalPosition: r.lastPosition.toString(),
    monotonic: r.monotonic,
  };
}
