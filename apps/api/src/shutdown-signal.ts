import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Subject } from 'rxjs';

/**
 * Emits once when the application starts closing, before the HTTP server stops accepting: live
 * streams (SSE) end on it, so SIGTERM does not wait for their clients to leave.
 */
@Injectable()
export class ShutdownSignal implements BeforeApplicationShutdown {
  readonly closing = new Subject<void>();

  beforeApplicationShutdown(): void {
    this.closing.next();
    this.closing.complete();
  }
}
