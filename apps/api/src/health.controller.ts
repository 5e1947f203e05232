import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';

@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async health(): Promise<{ status: 'ok'; store: string; lastPosition: string | null }> {
    const last = await this.store.lastPosition();
    return { status: 'ok', store: this.store.kind, lastPosition: last === null ? null : last.toString() };
  }
}
