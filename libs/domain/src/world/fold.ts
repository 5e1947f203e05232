import type { Decided, FoldedEvent } from '../events';
import { evolveWorld } from './evolve';
import type { World } from './world-state';

/** Folds decided events straight into a world (tests and in-memory forks); stored events go through evolveWorld. */
export function foldDecided(
  world: World,
  decided: readonly Decided[],
  occurredAt: string,
  firstPosition = BigInt(world.seq + 1),
): World {
  let position = firstPosition;
  for (const d of decided) {
    const f: FoldedEvent = {
      event: d.event,
      eventId: d.eventId,
      causationId: d.causationId,
      occurredAt,
      seq: world.seq + 1,
      position: position++,
    };
    evolveWorld(world, f);
  }
  return world;
}
