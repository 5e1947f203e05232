/** Where an imported fact came from: deduplication is by computer and record number. */
export interface RecordRef {
  computer: string;
  /** Record numbers count per event log. */
  channel?: string;
  recordId: number | null;
  eventId: number;
  time: string;
}

export interface ObservedPrincipal {
  sid: string;
  name?: string;
  domain?: string;
  /** A machine-local principal (its SAM, or BUILTIN): the machine's name. */
  scope?: string;
}

/**
 * A fact read from a Windows Security log, already mapped (libs/siem) and ready to be decided
 * upon: principals are named by SID, names arrive when a log gives them.
 */
export type Observation = { record: RecordRef } & (
  | {
      kind: 'account';
      principal: ObservedPrincipal;
      principalKind: 'user' | 'group' | 'computer';
      security?: boolean;
      rename?: boolean;
    }
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
  | {
      kind: 'tokenGroups';
      logonId: string;
      user: ObservedPrincipal;
      logonType: number | null;
      sids: string[];
    }
  | { kind: 'logoff'; logonId: string; user: ObservedPrincipal | null }
  | {
      kind: 'ticket';
      ticket: 'tgt' | 'service' | 'renewal';
      user: ObservedPrincipal;
      service: string | null;
      transmittedServices: string[];
      status: string;
    }
  | { kind: 'boot' }
  | { kind: 'shutdown' }
  | { kind: 'recorded'; summary: string; fields: Record<string, string> }
);

export const recordKey = (r: RecordRef) =>
  `${r.computer}#${r.channel ?? 'Security'}#${r.recordId ?? `${r.eventId}@${r.time}`}`;
