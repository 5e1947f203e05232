import type { Request } from 'express';
import type { ApiKey } from './api-keys';

/**
 * Who a request acts as: its key, or null when the server has no keys (loopback only: the
 * server refuses to listen elsewhere without them). Absent on public routes of a keyed server.
 */
export interface AccessRequest extends Request {
  access?: { key: ApiKey | null };
}
