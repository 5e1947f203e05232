import type { Observation, ObservedPrincipal, RecordRef } from '@tokentrail/domain';
import type { WinEvent } from './read/win-event';
import { recordDigest } from './record-digest';

/** What an event ID becomes (the README's mapping table is generated from the same list). */
export const MAPPING: Record<number, string> = {
  4720: 'user account created',
  4726: 'user account deleted',
  4741: 'computer account created',
  4743: 'computer account deleted',
  4781: 'account renamed',
  4738: 'user account changed (SidHistory, PrimaryGroupId)',
  4742: 'computer account changed (SidHistory, PrimaryGroupId)',
  4722: 'account enabled',
  4725: 'account disabled',
  4727: 'security global group created',
  4731: 'security local group created',
  4754: 'security universal group created',
  4730: 'security global group deleted',
  4734: 'security local group deleted',
  4758: 'security universal group deleted',
  4744: 'distribution local group created',
  4749: 'distribution global group created',
  4759: 'distribution universal group created',
  4748: 'distribution local group deleted',
  4753: 'distribution global group deleted',
  4763: 'distribution universal group deleted',
  4728: 'member added (security global)',
  4732: 'member added (security local)',
  4756: 'member added (security universal)',
  4729: 'member removed (security global)',
  4733: 'member removed (security local)',
  4757: 'member removed (security universal)',
  4751: 'member added (distribution global: recorded, never in tokens)',
  4746: 'member added (distribution local)',
  4761: 'member added (distribution universal)',
  4752: 'member removed (distribution global)',
  4747: 'member removed (distribution local)',
  4762: 'member removed (distribution universal)',
  4764: 'group type changed',
  4765: 'SID history added',
  4766: 'SID history add failed (recorded)',
  5136: "directory object modified: a group's `member` added or deleted (by DN); other attributes skipped",
  4624: 'logon by LogonType (2, 10 interactive/RDP; 11, 12 cached; 3 network; 8 network cleartext = Basic; 5 service)',
  4627: 'group membership of the new token (observed token SIDs, compared with the simulation)',
  4634: 'logoff',
  4647: 'user-initiated logoff',
  4672: 'special privileges assigned (recorded)',
  4648: 'logon with explicit credentials (recorded)',
  4768: 'TGT issued (its PAC: truth at that moment)',
  4769: 'service ticket issued (TransmittedServices: delegation)',
  4770: 'TGT renewed',
  4771: 'Kerberos pre-authentication failed (recorded)',
  4772: 'Kerberos TGT request failed (recorded)',
  4773: 'Kerberos service ticket request failed (recorded)',
  4776: 'NTLM credential validation (recorded)',
  4608: 'Windows starting',
  6005: 'event log service started (boot)',
  4609: 'Windows shutting down',
  1074: 'shutdown initiated',
  6006: 'event log service stopped (shutdown)',
};

const ACCOUNT_CREATED: Record<number, { kind: 'user' | 'group' | 'computer'; security?: boolean }> =
  {
    4720: { kind: 'user' },
    4741: { kind: 'computer' },
    4727: { kind: 'group' },
    4731: { kind: 'group' },
    4754: { kind: 'group' },
    4744: { kind: 'group', security: false },
    4749: { kind: 'group', security: false },
    4759: { kind: 'group', security: false },
  };
const ACCOUNT_DELETED = new Set([4726, 4743, 4730, 4734, 4758, 4748, 4753, 4763]);
const MEMBER: Record<number, { add: boolean; security: boolean }> = {
  4728: { add: true, security: true },
  4732: { add: true, security: true },
  4756: { add: true, security: true },
  4729: { add: false, security: true },
  4733: { add: false, security: true },
  4757: { add: false, security: true },
  4751: { add: true, security: false },
  4746: { add: true, security: false },
  4761: { add: true, security: false },
  4752: { add: false, security: false },
  4747: { add: false, security: false },
  4762: { add: false, security: false },
};
const RECORDED = new Set([4672, 4648, 4766, 4771, 4772, 4773, 4776]);
/** 4738 and 4742 say which kind of account changed. */
const ACCOUNT_CHANGED: Record<number, 'user' | 'computer'> = { 4738: 'user', 4742: 'computer' };
/** 5136 OperationType: Value Added, Value Deleted. */
const DS_VALUE_ADDED = '%%14674';
const DS_VALUE_DELETED = '%%14675';
const BOOT = new Set([4608, 6005]);
const SHUTDOWN = new Set([4609, 1074, 6006]);

const blank = (v: string | undefined) =>
  v === undefined || v === '' || v === '-' || v.startsWith('%%');

/** 0x000000000027a10f and 0x27a10f are the same logon: compare logon ids as numbers. */
export function normalizeLogonId(value: string | undefined): string {
  if (blank(value)) return '';
  try {
    return `0x${BigInt(value as string).toString(16)}`;
  } catch {
    return (value as string).toLowerCase();
  }
}

/** The SIDs of a 4627 GroupMembership field: `%{S-1-…}` items, whatever separates them. */
export function parseGroupMembership(value: string | undefined): string[] {
  return [...(value ?? '').matchAll(/%\{(S-1(?:-\d+)+)\}|\b(S-1(?:-\d+)+)\b/g)].map(
    (m) => m[1] ?? m[2],
  );
}

/** `S-1-5-21-a-b-c` of `S-1-5-21-a-b-c-1104` (without the arrays a split would make). */
function domainPart(sid: string): string {
  let at = -1;
  for (let dashes = 0; dashes < 7; dashes++) {
    at = sid.indexOf('-', at + 1);
    if (at === -1) return sid;
  }
  return sid.slice(0, at);
}

/**
 * The SID prefix of the logging computer's own SAM, when the event shows an account of it (its
 * domain is the computer's name).
 */
function localDomainOf(e: WinEvent): string | null {
  for (const [sid, domain] of [
    [e.data.SubjectUserSid, e.data.SubjectDomainName],
    [e.data.TargetSid ?? e.data.TargetUserSid, e.data.TargetDomainName],
  ]) {
    if (sid?.startsWith('S-1-5-21-') && domain?.toUpperCase() === e.computer)
      return domainPart(sid);
  }
  return null;
}

/**
 * A principal named in an event: machine-local when its domain is the logging computer or
 * BUILTIN, its SID is no domain SID (BUILTIN, well-known), or it is of the logging computer's own
 * SAM, so it lands in that machine's own directory.
 */
function principal(
  e: WinEvent,
  sid: string | undefined,
  name: string | undefined,
  domain: string | undefined,
): ObservedPrincipal | null {
  if (blank(sid) || !/^S-1(-\d+)+$/.test(sid as string)) return null;
  const d = blank(domain) ? undefined : (domain as string);
  const upper = d?.toUpperCase();
  const local =
    upper === e.computer ||
    upper === 'BUILTIN' ||
    !(sid as string).startsWith('S-1-5-21-') ||
    domainPart(sid as string) === localDomainOf(e);
  const cleanName = blank(name) || (name as string).includes('=') ? undefined : (name as string);
  return {
    sid: sid as string,
    ...(cleanName ? { name: cleanName } : {}),
    ...(d ? { domain: d } : {}),
    ...(local ? { scope: e.computer } : {}),
  };
}

/** The host a service name or SPN names: `cifs/FS1.corp.example@CORP` → FS1; `SQL1$` → SQL1. */
export function hostOf(service: string): string {
  const host = service.includes('/') ? service.split('/')[1] : service;
  return host.split(/[@:]/)[0].split('.')[0].replace(/\$$/, '').toUpperCase();
}

/**
 * One event's observation (and, for an event that says two things, the second: a 4738 that also
 * changed SID history), or why it is skipped.
 */
export type Mapped =
  { observation: Observation; also?: Observation[] } | { unknown: number } | { invalid: string };

/** The SIDs of a list field (SidHistory: `%{S-1-…}` items, or plain SIDs); `-` has none. */
const sidsIn = (value: string | undefined): string[] =>
  [...(value ?? '').matchAll(/S-1(?:-\d+)+/g)].map((m) => m[0]);

/** PrimaryGroupId as a RID; absent, `-` or not a number: undefined. */
function primaryGroupRid(value: string | undefined): number | undefined {
  if (blank(value)) return undefined;
  const rid = Number(value);
  return Number.isInteger(rid) && rid > 0 ? rid : undefined;
}

/**
 * One Windows event as the observation it is (or why it is skipped). Unknown event IDs are skipped,
 * never fatal.
 */
export function mapEvent(e: WinEvent): Mapped {
  const record: RecordRef = {
    computer: e.computer,
    channel: e.channel,
    recordId: e.recordId,
    ...(e.recordId === null ? { digest: recordDigest(e) } : {}),
    eventId: e.eventId,
    time: e.time,
  };
  const x = e.data;
  const target = () =>
    principal(
      e,
      x.TargetSid ?? x.TargetUserSid,
      x.TargetUserName ?? x.SamAccountName,
      x.TargetDomainName,
    );
  const need = (p: ObservedPrincipal | null, field: string): ObservedPrincipal => {
    if (!p) throw new Error(`no SID in ${field}`);
    return p;
  };
  try {
    if (ACCOUNT_CREATED[e.eventId]) {
      const { kind, security } = ACCOUNT_CREATED[e.eventId];
      const rid = primaryGroupRid(x.PrimaryGroupId);
      return {
        observation: {
          record,
          kind: 'account',
          principal: { ...need(target(), 'TargetSid'), kind },
          ...(security === false ? { security } : {}),
          ...(rid !== undefined ? { primaryGroupRid: rid } : {}),
        },
      };
    }
    if (ACCOUNT_CHANGED[e.eventId]) {
      const rid = primaryGroupRid(x.PrimaryGroupId);
      const history = sidsIn(x.SidHistory);
      // A changed account: its kind, primary group and SID history (each only when logged).
      return {
        observation: {
          record,
          kind: 'account',
          principal: { ...need(target(), 'TargetSid'), kind: ACCOUNT_CHANGED[e.eventId] },
          ...(rid !== undefined ? { primaryGroupRid: rid } : {}),
          ...(history.length ? { sidHistory: history } : {}),
        },
      };
    }
    if (e.eventId === 4722 || e.eventId === 4725)
      return {
        observation: {
          record,
          kind: 'accountEnabled',
          principal: need(target(), 'TargetSid'),
          enabled: e.eventId === 4722,
        },
      };
    if (e.eventId === 5136) {
      const op = x.OperationType;
      if (
        x.AttributeLDAPDisplayName?.toLowerCase() !== 'member' ||
        (op !== DS_VALUE_ADDED && op !== DS_VALUE_DELETED) ||
        blank(x.ObjectDN) ||
        blank(x.AttributeValue)
      )
        return { unknown: e.eventId };
      return {
        observation: {
          record,
          kind: 'directoryMember',
          add: op === DS_VALUE_ADDED,
          groupDn: x.ObjectDN,
          memberDn: x.AttributeValue,
        },
      };
    }
    if (ACCOUNT_DELETED.has(e.eventId))
      return {
        observation: { record, kind: 'accountDeleted', principal: need(target(), 'TargetSid') },
      };
    if (e.eventId === 4781) {
      const p = need(
        principal(e, x.TargetSid, x.NewTargetUserName, x.TargetDomainName),
        'TargetSid',
      );
      return {
        observation: { record, kind: 'account', principal: p },
      };
    }
    if (MEMBER[e.eventId]) {
      const { add, security } = MEMBER[e.eventId];
      const group = need(
        principal(e, x.TargetSid, x.TargetUserName ?? x.GroupName, x.TargetDomainName),
        'TargetSid',
      );
      const member = need(principal(e, x.MemberSid, x.MemberName, undefined), 'MemberSid');
      // Members of a domain group are domain principals whatever their SID says of well-known
      // accounts.
      if (!group.scope) delete member.scope;
      return { observation: { record, kind: 'membership', add, security, group, member } };
    }
    if (e.eventId === 4764) {
      const change = x.GroupTypeChange ?? '';
      const security = /security enabled|%%1800|%%1802|%%1804/i.test(change)
        ? true
        : /security disabled|%%1801|%%1803|%%1805/i.test(change)
          ? false
          : null;
      if (security === null)
        return { observation: { record, kind: 'recorded', summary: MAPPING[4764], fields: x } };
      return {
        observation: {
          record,
          kind: 'groupTypeChanged',
          group: need(target(), 'TargetSid'),
          security,
        },
      };
    }
    if (e.eventId === 4765) {
      const history = sidsIn(`${x.SourceSid ?? ''} ${x.SidHistory ?? ''}`);
      return {
        observation: {
          record,
          kind: 'sidHistory',
          principal: need(target(), 'TargetSid'),
          history,
        },
      };
    }
    if (e.eventId === 4624) {
      const user = need(
        principal(e, x.TargetUserSid, x.TargetUserName, x.TargetDomainName),
        'TargetUserSid',
      );
      const logonType = Number(x.LogonType);
      if (!Number.isInteger(logonType))
        throw new Error(`LogonType is not a number: ${JSON.stringify(x.LogonType)}`);
      const elevated =
        x.ElevatedToken === '%%1842' ? true : x.ElevatedToken === '%%1843' ? false : null;
      return {
        observation: {
          record,
          kind: 'logon',
          logonId: normalizeLogonId(x.TargetLogonId),
          user,
          logonType,
          authPackage: x.AuthenticationPackageName ?? x.LogonProcessName ?? '',
          elevated,
        },
      };
    }
    if (e.eventId === 4627) {
      const user = need(
        principal(e, x.TargetUserSid, x.TargetUserName, x.TargetDomainName),
        'TargetUserSid',
      );
      return {
        observation: {
          record,
          kind: 'tokenGroups',
          logonId: normalizeLogonId(x.TargetLogonId),
          user,
          sids: parseGroupMembership(x.GroupMembership),
        },
      };
    }
    if (e.eventId === 4634 || e.eventId === 4647) {
      return {
        observation: { record, kind: 'logoff', logonId: normalizeLogonId(x.TargetLogonId) },
      };
    }
    if (e.eventId === 4768 || e.eventId === 4769 || e.eventId === 4770) {
      const ticket = e.eventId === 4768 ? 'tgt' : e.eventId === 4769 ? 'service' : 'renewal';
      const sid = e.eventId === 4768 && !blank(x.TargetSid) ? x.TargetSid : '';
      // Kerberos names the account as user@REALM. Its kind is not in the name: a trailing $ is a
      // convention for computers, and users may have one too.
      const name = blank(x.TargetUserName) ? undefined : x.TargetUserName.split('@')[0];
      const service = blank(x.ServiceName) ? null : x.ServiceName;
      const transmitted = blank(x.TransmittedServices)
        ? []
        : x.TransmittedServices.split(/[\s,]+/).filter(Boolean);
      return {
        observation: {
          record,
          kind: 'ticket',
          ticket,
          user: {
            sid,
            ...(name ? { name } : {}),
            ...(blank(x.TargetDomainName) ? {} : { domain: x.TargetDomainName }),
          },
          service,
          serviceHost: service ? hostOf(service) : null,
          delegatedBy: transmitted[0] ? hostOf(transmitted[0]) : null,
          issued: /^(0x0+|0)$/.test(x.Status ?? '') || (x.Status ?? '') === '',
          status: x.Status ?? '',
        },
      };
    }
    if (RECORDED.has(e.eventId))
      return { observation: { record, kind: 'recorded', summary: MAPPING[e.eventId], fields: x } };
    if (BOOT.has(e.eventId)) return { observation: { record, kind: 'boot' } };
    if (SHUTDOWN.has(e.eventId)) return { observation: { record, kind: 'shutdown' } };
    return { unknown: e.eventId };
  } catch (error) {
    return { invalid: `event ${e.eventId}: ${(error as Error).message}` };
  }
}
