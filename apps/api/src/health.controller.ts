import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { API_CONFIG, type ApiConfig } from './api-config';
import {
  healthCheckSchema,
  healthSchema,
  healthUnavailableSchema,
  type Health,
  type HealthUnavailable,
} from './contract/health-bodies';
import { Returns } from './contract/responses.decorator';
import { ProjectorLag, StoreDoesNotAnswer } from './observability/projector-lag';
import { Public } from './requires.decorator';

/**
 * Liveness, readiness and the flat health summary. Public and not rate-limited: a load balancer
 * or an orchestrator asks without a key, often.
 */
@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly lag: ProjectorLag,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * The store kind, its last global position, how far the projections have caught up, where the
   * projector runs and its lag; 503 when the store does not answer (an EventStoreDB that cannot be
   * reached), so a load balancer takes the instance out instead of seeing a 500.
   */
  @Get()
  @ApiOperation({ summary: 'The store, its head, the projector’s checkpoint and lag' })
  @Returns(200, 'the store answers', healthSchema)
  @Returns(503, 'the store does not answer', healthUnavailableSchema)
  async summary(@Res({ passthrough: true }) res: Response): Promise<Health | HealthUnavailable> {
    try {
      const s = await this.lag.standing();
      return {
        status: 'ok',
        store: this.lag.storeKind,
        lastPosition: s.lastPosition === null ? null : s.lastPosition.toString(),
        projectedPosition: s.projectedPosition === null ? null : s.projectedPosition.toString(),
        projector: this.lag.projectorMode,
        lag: s.lag,
      };
    } catch (error) {
      if (!(error instanceof StoreDoesNotAnswer)) throw error;
      res.status(503);
      return {
        status: 'unavailable',
        store: this.lag.storeKind,
        message: `the ${this.lag.storeKind} store does not answer: ${error.message}`,
      };
    }
  }

  /** The process answers: nothing else is checked, so a slow store never gets it restarted. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP' })
  @Returns(200, 'alive', healthCheckSchema)
  live(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.checked(res, [
      () => this.indicator.check('process').up({ pid: process.pid, uptime: process.uptime() }),
    ]);
  }

  /**
   * Ready for traffic: the store answers, and the projector is within TOKENTRAIL_READY_MAX_LAG
   * seconds when that is set (questions are right at any lag: they fold what is not projected).
   */
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the store answers and the projector’s lag is within bounds',
  })
  @Returns(200, 'ready', healthCheckSchema)
  @Returns(
    503,
    'not ready: the store does not answer, or the projector is too far behind',
    healthCheckSchema,
  )
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    const standing = this.lag.standing().catch((error: unknown) => error as Error);
    const max = this.config.TOKENTRAIL_READY_MAX_LAG;
    return this.checked(res, [
      async () => {
        const s = await standing;
        const store = this.indicator.check('store');
        if (s instanceof Error) return store.down({ kind: this.lag.storeKind, message: s.message });
        return store.up({
          kind: this.lag.storeKind,
          lastPosition: s.lastPosition?.toString() ?? null,
        });
      },
      async () => {
        const s = await standing;
        const projector = this.indicator.check('projector');
        const mode = this.lag.projectorMode;
        if (s instanceof Error)
          return projector.down({ mode, message: 'the store does not answer' });
        const seen = {
          mode,
          projectedPosition: s.projectedPosition?.toString() ?? null,
          lag: s.lag,
        };
        if (max !== undefined && s.lag.seconds > max)
          return projector.down({ ...seen, maxLagSeconds: max });
        return projector.up(seen);
      },
    ]);
  }

  /** Terminus throws its 503 body; it is answered as it is, not as an error. */
  private async checked(
    res: Response,
    checks: Array<() => Promise<HealthIndicatorResult> | HealthIndicatorResult>,
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
