import type { PrincipalKind } from '../directory/directory-state';

/** Where an imported fact came from: deduplication is by computer, channel and record number. */
export interface RecordRef {
  computer: string;
  /** Record numbers count per event log. */
  channel: string;
  recordId: number | null;
  /** A record without a number: its event, time and a hash of its data (what identifies it). */
  digest?: string;
  eventId: number;
  time: string;
}

export interface ObservedPrincipal {
  sid: string;
  name?: string;
  domain?: string;
  /** What the log says it is, when it says (4720 user, 4741 computer, a group event). */
  kind?: PrincipalKind;
  /** A machine-local principal (its SAM, or BUILTIN): the machine's name. */
  scope?: string;
}

/**
 * A fact read from a Windows Security log, already parsed and mapped (libs/siem): principals
 * are named by SID, names arrive when a log gives them; nothing here needs Windows' formats.
 */
export type Observation = { record: RecordRef } & (
  | {
      kind: 'account';
      principal: ObservedPrincipal;
      security?: boolean;
      /** PrimaryGroupId of 4720/4741 (or 4738/4742, an account changed). */
      primaryGroupRid?: number;
      /** SidHistory of 4738/4742: SIDs the account now has in its history. */
      sidHistory?: string[];
    }
  | { kind: 'accountEnabled'; principal: ObservedPrincipal; enabled: boolean }
  /** 5136 (directory-service changes) of a group's `member`: DNs, not SIDs. */
  | { kind: 'directoryMember'; add: boolean; groupDn: string; memberDn: string }
  | { kind: 'accountDeleted'; principal: ObservedPrincipal }
  | {
      kind: 'membership';
      add: boolean;
      group: ObservedPrincipal;
      member: ObservedPrincipal;
      security: boolean;
    }
  | { kind: 'groupTypeChanged'; group: ObservedPrincipal; security: boolean }
  | { kind: 'sidHistory'; principal: ObservedPrincipal; history: string[] }
  | {
      kind: 'logon';
      logonId: string;
      user: ObservedPrincipal;
      logonType: number;
      authPackage: string;
      elevated: boolean | null;
    }
  | { kind: 'tokenGroups'; logonId: string; user: ObservedPrincipal; sids: string[] }
  | { kind: 'logoff'; logonId: string }
  | {
      kind: 'ticket';
      ticket: 'tgt' | 'service' | 'renewal';
      /** The account the ticket is for; its SID only where the log gives one (4768). */
      user: ObservedPrincipal;
      /** The SPN asked for, and the host it names (the back-end of a delegation). */
      service: string | null;
      serviceHost: string | null;
      /**
       * The front-end server that obtained the ticket on the user's behalf (4769
       * TransmittedServices).
       */
      delegatedBy: string | null;
      /** The KDC issued it (status 0). */
      issued: boolean;
      status: string;
    }
  | { kind: 'boot' }
  | { kind: 'shutdown' }
  | { kind: 'recorded'; summary: string; fields: Record<string, string> }
);

/** The log a record belongs to and its number there (or its event and time when it has none). */
export function recordSource(r: RecordRef): { key: string; id: number | string } {
  return {
    key: `${r.computer}#${r.channel}`,
    id: r.recordId ?? r.digest ?? `${r.eventId}@${r.time}`,
  };
}

export function alreadyImported(
  imported: ReadonlyMap<string, ReadonlySet<number | string>>,
  r: RecordRef,
): boolean {
  const s = recordSource(r);
  return imported.get(s.key)?.has(s.id) ?? false;
}
