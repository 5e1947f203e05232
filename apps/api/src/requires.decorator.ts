import { SetMetadata } from '@nestjs/common';
import type { Role } from './api-keys';

export const ACCESS = 'tokentrail:access';

/**
 * How a route's simulation is named, for keys limited to some: `param` (`:id`), `query` (`?id=`,
 * a simulation being created), or `none` (the route serves every simulation: a limited key may
 * use it only when the handler filters by key, `filtered`).
 */
export type Scope = 'param' | 'query' | 'filtered' | 'none';

export interface AccessRule {
  role: Role | 'public';
  scope: Scope;
}

/** The least role a route needs, and where it names its simulation. Routes without one: admin. */
export const Requires = (role: Role, scope: Scope = 'param') =>
  SetMetadata<string, AccessRule>(ACCESS, { role, scope });

/** A route open to anyone who reaches the server (and passes its host allow-list). */
export const Public = () =>
  SetMetadata<string, AccessRule>(ACCESS, { role: 'public', scope: 'none' });
