import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { Projector } from '@tokentrail/projections';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  /**
   * The store kind, its last global position, how far the projections have caught up, and where
   * the projector runs (a worker thread, so this answers while it catches up).
   */
  @Get()
  async health(): Promise<{
    status: 'ok';
    store: string;
    lastPosition: string | null;
    projectedPosition: string | null;
    projector: 'worker' | 'inline' | 'off';
  }> {
    const last = await this.store.lastPosition();
    const projected = this.projector.checkpoint;
    return {
      status: 'ok',
      store: this.store.kind,
      lastPosition: last === null ? null : last.toString(),
      projectedPosition: projected === null ? null : projected.toString(),
      projector: this.projector.mode,
    };
  }
}
