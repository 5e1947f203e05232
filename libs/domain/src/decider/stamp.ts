import type { Envelope } from '../events/envelope';
import type { World } from '../world/world-state';
import type { Decided } from './decided';
import { evolve } from './evolve';

export interface StampContext {
  at: string;
  newId: () => string;
  correlationId?: string | null;
  command?: number | null;
}

/**
 * Decided events as they will be stored after the world's last one: each gets its id, and a cause
 * that named an earlier event of the same decision now names that event's id.
 */
export function stamp(world: World, decided: readonly Decided[], ctx: StampContext): Envelope[] {
  const ids = new Map<Decided, string>();
  const occurredAt = new Date(ctx.at).toISOString();
  return decided.map((d, i) => {
    const eventId = ctx.newId();
    ids.set(d, eventId);
    const cause = d.cause;
    const causationId =
      cause === null ? null : typeof cause === 'string' ? cause : (ids.get(cause) ?? null);
    return {
      event: d.event,
      eventId,
      causationId,
      correlationId: ctx.correlationId ?? null,
      occurredAt,
      position: world.position + i + 1,
      globalPosition: BigInt(world.position + i + 1),
      command: ctx.command ?? null,
    };
  });
}

/** A decision folded straight into a world held in memory (dry runs, remediation proofs, tests). */
export function applyDecided(
  world: World,
  decided: readonly Decided[],
  ctx: StampContext,
): Envelope[] {
  const envelopes = stamp(world, decided, ctx);
  for (const e of envelopes) evolve(world, e);
  return envelopes;
}
