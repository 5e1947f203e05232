/*
 * The timeline's answer as it goes over HTTP. This file imports nothing, so that the page
 * (apps/ui) reads the very same types the server writes.
 */

/** A stretch of a simulation: times as recorded, and the simulation's event numbers. */
export interface Stretch {
  from: string;
  /** null: still so at the end of the log. */
  to: string | null;
  fromPosition: number;
  toPosition: number | null;
}

/** A principal's directory truth over one stretch (null groups once it is deleted). */
export interface TruthInterval extends Stretch {
  groups: string[] | null;
  /** When the change that made these groups happened (an imported fact may be older). */
  changedAt: string | null;
}

/**
 * How a truth change is known: `change`, a directory event (a scenario's step or a logged
 * 4728/4729…); `baseline`, a group held since before an imported log began, seen in a token.
 */
export type TruthOrigin = 'change' | 'baseline';

/** One directory event that opened a truth interval: the mark on the truth lane. */
export interface TruthMark {
  at: string;
  position: number;
  eventId: string;
  type: string;
  added: string[];
  removed: string[];
  origin: TruthOrigin;
}

/** Part of an artifact's life when its groups differ from truth (SEMANTICS.md §11). */
export interface StaleSegment extends Stretch {
  /** Granted by truth, not yet in the artifact. */
  missing: string[];
  /** Revoked in truth, still in the artifact. */
  lingering: string[];
  /** The domain rule's `since`: the later of the artifact's birth and the change. */
  since: string;
}

/** The arguments of `/explain` that name an artifact (absent for kinds it cannot name). */
export type ExplainArgs = Partial<
  Record<'session' | 'server' | 'machine' | 'user' | 'process' | 'of', string>
> & { elevated?: 'true' };

/** What an artifact's id says about where it is: its logon session, server, machine, user. */
export interface ArtifactAddress {
  session?: string;
  half?: 'limited' | 'elevated';
  server?: string;
  machine?: string;
  user?: string;
  process?: string;
  spn?: string;
  connection?: string;
  backend?: string;
}

/** One artifact's life, drawn as one bar. */
export interface ArtifactLane extends Stretch {
  kind: string;
  id: string;
  principal: string;
  /** Where it lives: the client machine, or the server for server-side copies. */
  machine: string;
  groups: string[];
  /** The logon type of a token, else null. */
  tokenType: string | null;
  /** The event the artifact was copied from (its lineage starts there). */
  sourceEvent: string;
  /** How it ended: `event` (endedBy names it), `expiry`, or `open` at the end of the log. */
  end: 'event' | 'expiry' | 'open';
  endedBy: { eventId: string; type: string } | null;
  /** When a live one stops existing by itself, as of the end of the log. */
  expiresAt: string | null;
  stale: StaleSegment[];
  address: ArtifactAddress;
  explain: ExplainArgs | null;
}

export interface Timeline {
  simulation: string;
  kind: 'timeline';
  principal: { name: string; sid: string };
  /** The simulation's first and last event. */
  span: { from: string; to: string; events: number };
  status: 'complete' | 'incomplete';
  /** Whether times never go backwards in log order (else bars are placed by recorded times). */
  monotonic: boolean;
  truth: { intervals: TruthInterval[]; marks: TruthMark[] };
  lanes: ArtifactLane[];
}

/** A principal for the page's picker. */
export interface PrincipalEntry {
  name: string;
  sid: string;
  kind: 'user' | 'group' | 'computer';
  deleted: boolean;
  formerNames: string[];
  /** Artifact intervals the projections hold for it. */
  artifacts: number;
}
