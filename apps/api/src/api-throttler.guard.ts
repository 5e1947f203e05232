import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AccessRequest } from './request-access';

/** Counts requests per key (by its id), or per address when the server has no keys. */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as AccessRequest;
    return Promise.resolve(r.access?.key ? `key:${r.access.key.id}` : `ip:${r.ip ?? ''}`);
  }
}
