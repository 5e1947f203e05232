import { SimulationAggregate } from './simulation-aggregate';

/** A server's in-memory credential caches: the Basic-authentication token cache and the delegation cache. */
export class ServerCacheAggregate extends SimulationAggregate {
  readonly kind = 'ServerCache' as const;
}
