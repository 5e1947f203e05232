import type { Delivery, Outcome } from './sink';

const WORDS: Record<Outcome, string> = {
  delivered: 'delivered',
  retried: 'delivered after a retry',
  unacknowledged: 'sent without acknowledgement (the transport has none)',
  undelivered: 'not delivered',
};

/**
 * What became of every item sent to a sink: counts per outcome and why items were not delivered.
 */
export class DeliverySummary {
  readonly counts: Record<Outcome, number> = {
    delivered: 0,
    retried: 0,
    unacknowledged: 0,
    undelivered: 0,
  };
  /** Reason → how many items it kept from the sink. */
  readonly reasons = new Map<string, number>();

  add(delivery: Delivery): void {
    this.counts[delivery.outcome] += 1;
    if (delivery.outcome === 'undelivered')
      this.reasons.set(delivery.reason, (this.reasons.get(delivery.reason) ?? 0) + 1);
  }

  /** `<sink>: 7 delivered, 1 delivered after a retry, 2 not delivered`, then a line per reason. */
  lines(sink: string): string[] {
    const counts = (Object.keys(WORDS) as Outcome[])
      .filter((o) => this.counts[o] > 0 || o === 'undelivered')
      .map((o) => `${this.counts[o]} ${WORDS[o]}`);
    return [
      `${sink}: ${counts.join(', ')}`,
      ...[...this.reasons].map(([reason, n]) => `  ${n} not delivered: ${reason}`),
    ];
  }
}
