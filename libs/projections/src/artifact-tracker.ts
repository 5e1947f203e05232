import { Heap } from 'heap-js';
import {
  artifactOwners,
  key,
  ownerArtifacts,
  ownersTouchedBy,
  type Artifact,
  type ArtifactOwner,
  type SimEvent,
  type World,
} from '@tokentrail/domain';

/** One artifact's identity across events: the same copy keeps its kind, id and source event. */
export const artifactKey = (a: Artifact) => `${a.kind}|${a.id}|${a.eventId}`;

export interface ArtifactChanges {
  opened: Artifact[];
  closed: Artifact[];
  /** Still live, with a new expiry (an SMB session used again). */
  extended: Artifact[];
}

const none = (): ArtifactChanges => ({ opened: [], closed: [], extended: [] });

/**
 * The live artifacts of a simulation, kept incrementally: an event recomputes only the owners it
 * touched (`ownersTouchedBy`), plus what lives on or names a machine that restarted; an expiry
 * queue recomputes an owner when one of its artifacts may have died by itself. The work per event
 * follows what it changes, not the size of the world (`touched` counts it).
 */
export class ArtifactTracker {
  private readonly owned = new Map<ArtifactOwner, Map<string, Artifact>>();
  /** Machine → the owners holding an artifact that lives on or names it. */
  private readonly onMachine = new Map<string, Set<ArtifactOwner>>();
  private readonly machinesOf = new Map<ArtifactOwner, Set<string>>();
  private readonly expiries = new Heap<[number, ArtifactOwner]>((a, b) => a[0] - b[0]);
  /** Artifacts computed so far: the projection's work. */
  touched = 0;

  /** A tracker for a world folded up to `at`, holding what is live then. */
  static of(world: World, at: string | null): ArtifactTracker {
    const tracker = new ArtifactTracker();
    if (at) for (const owner of artifactOwners(world)) tracker.refresh(world, owner, at, none());
    return tracker;
  }

  /** Before the event at `at` is folded: the artifacts that died by themselves by then. */
  expire(world: World, at: string): ArtifactChanges {
    const t = Date.parse(at);
    const due = new Set<ArtifactOwner>();
    while (this.expiries.size() > 0 && (this.expiries.peek() as [number, ArtifactOwner])[0] <= t)
      due.add((this.expiries.pop() as [number, ArtifactOwner])[1]);
    const changes = none();
    for (const owner of due) this.refresh(world, owner, at, changes);
    return changes;
  }

  /** After the event is folded: what it opened, closed or extended. */
  apply(world: World, event: SimEvent, at: string): ArtifactChanges {
    const touched = ownersTouchedBy(event);
    const owners = new Set<ArtifactOwner>(touched.owners);
    if (touched.everything) {
      for (const o of artifactOwners(world)) owners.add(o);
      for (const o of this.owned.keys()) owners.add(o);
    }
    if (touched.machine) for (const o of this.onMachine.get(touched.machine) ?? []) owners.add(o);
    const changes = none();
    for (const owner of owners) this.refresh(world, owner, at, changes);
    return changes;
  }

  private refresh(world: World, owner: ArtifactOwner, at: string, out: ArtifactChanges): void {
    const now = ownerArtifacts(world, owner, at);
    this.touched += now.length;
    const before = this.owned.get(owner);
    const next = new Map<string, Artifact>();
    const machines = new Set<string>();
    for (const a of now) {
      const k = artifactKey(a);
      next.set(k, a);
      machines.add(key(a.machine));
      const was = before?.get(k);
      if (!was) out.opened.push(a);
      else if (was.expiresAt !== a.expiresAt) out.extended.push(a);
      if (a.expiresAt && (!was || was.expiresAt !== a.expiresAt))
        this.expiries.push([Date.parse(a.expiresAt), owner]);
    }
    if (before) for (const [k, a] of before) if (!next.has(k)) out.closed.push(a);
    if (next.size > 0) this.owned.set(owner, next);
    else this.owned.delete(owner);
    this.index(owner, machines);
  }

  /** Keeps `onMachine` true to the machines an owner's live artifacts name. */
  private index(owner: ArtifactOwner, machines: Set<string>): void {
    const was = this.machinesOf.get(owner);
    for (const m of was ?? []) if (!machines.has(m)) this.onMachine.get(m)?.delete(owner);
    for (const m of machines) {
      if (was?.has(m)) continue;
      let owners = this.onMachine.get(m);
      if (!owners) this.onMachine.set(m, (owners = new Set()));
      owners.add(owner);
    }
    if (machines.size > 0) this.machinesOf.set(owner, machines);
    else this.machinesOf.delete(owner);
  }
}
