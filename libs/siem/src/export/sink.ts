import type { ExportItem } from './export-item';

/**
 * What became of one item. `delivered`: the destination confirmed it (a 2xx, a bulk item stored,
 * Splunk's indexer acknowledgement); `retried`: the same after one or more retries;
 * `unacknowledged`: handed over to a destination that cannot confirm anything (syslog, or a HEC
 * token without indexer acknowledgement); `undelivered`: not delivered, and why.
 */
export type Delivery =
  | { outcome: 'delivered' | 'retried' | 'unacknowledged' }
  | {
      outcome: 'undelivered';
      /** One line naming the sink and URL. */
      reason: string;
      /** The destination itself failed (unreachable, refused us), not just this item. */
      sinkDown: boolean;
    };

export type Outcome = Delivery['outcome'];

/**
 * A SIEM destination: takes export items in batches, says what became of each, is closed at the
 * end.
 */
export interface Sink {
  /** `kind origin/path`, for every message about it (never credentials or a query string). */
  readonly name: string;
  /** One delivery per item, in order; a delivery failure is a result, never a rejection. */
  send(batch: readonly ExportItem[]): Promise<Delivery[]>;
  close(): Promise<void>;
}

/** What sinks take from the outside world, injectable so tests control time and the network. */
export interface SinkRuntime {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the back-off jitter. */
  random: () => number;
  now: () => number;
  /** Told before each wait for a retry (the CLI prints it). */
  onRetry?: (message: string) => void;
}

export const defaultRuntime: SinkRuntime = {
  fetch,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

/** `kind scheme://host/path`: a URL as messages show it, without credentials or query (both may hold secrets). */
export const sinkName = (kind: string, url: URL) =>
  `${kind} ${url.protocol}//${url.host}${url.pathname}`;
