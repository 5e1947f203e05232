import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { Projector } from '@tokentrail/projections';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from './requires.decorator';

/** How long health waits for the store before saying it is unavailable. */
const STORE_TIMEOUT_MS = 3000;

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  /**
   * The store kind, its last global position, how far the projections have caught up and where
   * the projector runs (a worker thread, so this answers while it catches up); 503 when the store
   * does not answer (an EventStoreDB that cannot be reached), so a load balancer
   * takes the instance out instead of seeing a 500.
   */
  @Get()
  @Public()
  @SkipThrottle()
  async health(@Res({ passthrough: true }) res: Response) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const last = await Promise.race([
        this.store.lastPosition(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer in time')), STORE_TIMEOUT_MS);
        }),
      ]);
      const projected = this.projector.checkpoint;
      return {
        status: 'ok' as const,
        store: this.store.kind,
        lastPosition: last === null ? null : last.toString(),
        projectedPosition: projected === null ? null : projected.toString(),
        projector: this.projector.mode,
      };
    } catch (error) {
      res.status(503);
      return {
        status: 'unavailable' as const,
        store: this.store.kind,
        message: `the ${this.store.kind} store does not answer: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
