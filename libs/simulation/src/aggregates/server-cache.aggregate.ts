import { SimulationAggregate } from './simulation-aggregate';

/**
 * A server's in-memory credential caches (Basic tokens, delegated tickets). The client cannot
 * purge them (SEMANTICS.md §9), so no command addresses this aggregate: its entries are filled by
 * the accesses that reach the server (a Session's decision), die with the server's OS or by time,
 * and it applies them.
 */
export class ServerCacheAggregate extends SimulationAggregate {
  readonly kind = 'ServerCache' as const;
}
