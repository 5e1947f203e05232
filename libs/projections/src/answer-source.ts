import type { Artifact, ArtifactKind, Membership } from '@tokentrail/domain';
import type { EventLookup } from './event-lookup';

/**
 * The names a question may use, resolved as the log stood then. Each refuses a name unknown then
 * with the domain's error (UnknownPrincipal, UnknownSession, UnknownMachine, UnknownProcess).
 */
export interface Names {
  /** A principal the log knows (live, deleted or renamed), by name, former name or SID. */
  principal(name: string, field: string): { sid: string; name: string };
  /** `session/elevated` when asked for and the logon was split, else `session/limited`. */
  half(session: string, elevated: boolean | undefined): string;
  /** A machine's name as the log spells it. */
  machine(name: string, field: string): string;
  process(label: string): void;
  /** The AccessMade event of an access id, if it was made by then. */
  access(id: string): string | undefined;
}

/**
 * What the answers read, at one moment: a world folded up to it, or the projections' intervals
 * (the same answers either way; see `answers.ts`).
 */
export interface AnswerSource {
  readonly at: string;
  readonly names: Names;
  /** The live artifact of this kind and id (ids compare case-insensitively). */
  artifact(kind: ArtifactKind, id: string): Artifact | undefined;
  /** Every live artifact, of one principal or on one machine when asked. */
  artifacts(only: { principalSid?: string; machine?: string }): Artifact[];
  /** A principal's truth (null once deleted) and when a directory change last altered it. */
  truth(sid: string): { membership: Membership | null; changedAt?: string };
  readonly events: EventLookup;
}
