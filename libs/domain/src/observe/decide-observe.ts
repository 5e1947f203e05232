import { fact, type Decided } from '../decider/decided';
import { policyOf, truthNow } from '../decider/reads';
import { memberChange } from '../directory/decide-directory';
import { findPrincipal, type PrincipalKind } from '../directory/directory-state';
import type { Membership } from '../directory/membership';
import { addMs } from '../kerberos/ticket';
import { refreshLogonCache } from '../logon/refresh-logon-cache';
import { cacheBasicToken } from '../server-cache/cache-basic-token';
import { serverCacheEntryLive } from '../server-cache/server-cache-entry-live';
import { domainOf, isDomainSid, isSid, RID } from '../sids';
import { newMachine } from '../machine/evolve-machine';
import { key, type World } from '../world/world-state';
import { accountKindOfPrimaryGroup, defaultPrimaryGroup } from './account-kind-of-primary-group';
import { expectedTokenAtObservedLogon } from './expected-token-at-observed-logon';
import { judgeObservedToken, type EnsureGroup } from './judge-observed-token';
import { wellKnownDomainName } from './well-known-domain-rids';
import {
  alreadyImported,
  type Observation,
  type ObservedPrincipal,
  type RecordRef,
} from './observation';

/** What a decision has already created (SIDs, machines), so that its later events see them. */
interface Known {
  sids: ReadonlySet<string>;
  domain: boolean;
}
interface Ensured {
  name: string;
  events: Decided[];
  known: Known;
}

function ensureMachine(world: World, name: string, record: RecordRef): Decided[] {
  if (!name || world.machines.has(key(name))) return [];
  return [fact({ type: 'MachineObserved', data: { machine: name, record } })];
}

/**
 * A principal known by SID, created when a log first names it (by SID only if need be) and
 * named when a later event gives the name. The first domain SID seen creates the domain.
 */
function ensurePrincipal(
  world: World,
  known: Known,
  p: ObservedPrincipal,
  kind: PrincipalKind,
  record: RecordRef,
  security?: boolean,
): Ensured {
  const dir = world.directory;
  const existing = dir.principals.get(p.sid);
  if (existing || known.sids.has(p.sid)) {
    const renamed =
      existing &&
      p.name &&
      (existing.name === existing.sid || !existing.deleted) &&
      existing.name.toLowerCase() !== p.name.toLowerCase();
    const events = renamed
      ? [
          fact({
            type: 'PrincipalNamed',
            data: { sid: p.sid, name: p.name as string, previous: existing.name, record },
          }),
        ]
      : [];
    return { name: p.name ?? existing?.name ?? wellKnownDomainName(p.sid) ?? p.sid, events, known };
  }
  const events: Decided[] = [];
  const sids = new Set(known.sids);
  let domain = known.domain;
  if (!p.scope && isDomainSid(domainOf(p.sid)) && !dir.sid && !domain) {
    domain = true;
    events.push(
      fact({
        type: 'DomainCreated',
        data: { name: p.domain || 'imported', sid: domainOf(p.sid), policy: {} },
      }),
    );
    for (const rid of [RID.domainAdmins, RID.domainUsers, RID.domainComputers])
      sids.add(`${domainOf(p.sid)}-${rid}`);
    if (sids.has(p.sid)) return { name: p.name ?? p.sid, events, known: { sids, domain } };
  }
  sids.add(p.sid);
  const given = p.name ?? (isDomainSid(domainOf(p.sid)) ? wellKnownDomainName(p.sid) : undefined);
  const name =
    given && !dir.byName.has(given.toLowerCase()) ? given : given ? `${given} (${p.sid})` : p.sid;
  events.push(
    fact({
      type: 'PrincipalCreated',
      data: {
        kind: p.kind ?? kind,
        name,
        sid: p.sid,
        ...(p.scope ? { scope: p.scope } : {}),
        ...(security === false ? { security } : {}),
        record,
      },
    }),
  );
  return { name, events, known: { sids, domain } };
}

const nothingKnown: Known = { sids: new Set(), domain: false };

/**
 * Imports one observed fact (SIEM): lenient where logs are messy, deduplicated by computer, log and
 * record.
 */
export function decideObserve(world: World, obs: Observation, at: string): Decided[] {
  const { record } = obs;
  if (alreadyImported(world.importedRecords, record)) return [];
  return [...ensureMachine(world, record.computer, record), ...observed(world, obs, at)];
}

function observed(world: World, obs: Observation, at: string): Decided[] {
  const { record } = obs;
  const machine = record.computer;
  const dir = world.directory;
  switch (obs.kind) {
    case 'account':
      return observedAccount(world, obs);
    case 'accountEnabled': {
      const p = ensurePrincipal(world, nothingKnown, obs.principal, 'user', record);
      const existing = dir.principals.get(obs.principal.sid);
      if (existing && !existing.disabled === obs.enabled) return p.events;
      return [
        ...p.events,
        fact({
          type: 'AccountEnabledChanged',
          data: { sid: obs.principal.sid, name: p.name, enabled: obs.enabled, record },
        }),
      ];
    }
    case 'directoryMember': {
      const group = findPrincipal(dir, commonName(obs.groupDn));
      const member = findPrincipal(dir, commonName(obs.memberDn));
      if (!group || group.kind !== 'group' || !member)
        return [
          fact({
            type: 'SecurityEventRecorded',
            data: {
              machine,
              summary: 'directory member change of a group or member the log has not named',
              fields: { ObjectDN: obs.groupDn, AttributeValue: obs.memberDn },
              record,
            },
          }),
        ];
      return memberChange(world, obs.add, group, member, record);
    }
    case 'accountDeleted': {
      const p = dir.principals.get(obs.principal.sid);
      return p && !p.deleted
        ? [fact({ type: 'PrincipalDeleted', data: { name: p.name, sid: p.sid, record } })]
        : [];
    }
    case 'membership': {
      const group = ensurePrincipal(world, nothingKnown, obs.group, 'group', record, obs.security);
      const member = ensurePrincipal(
        world,
        group.known,
        obs.member,
        dir.principals.get(obs.member.sid)?.kind ?? 'user',
        record,
      );
      return [
        ...group.events,
        ...member.events,
        ...memberChange(
          world,
          obs.add,
          { name: group.name, sid: obs.group.sid },
          { name: member.name, sid: obs.member.sid },
          record,
        ),
      ];
    }
    case 'groupTypeChanged': {
      const group = ensurePrincipal(world, nothingKnown, obs.group, 'group', record, obs.security);
      return [
        ...group.events,
        fact({
          type: 'GroupTypeChanged',
          data: { sid: obs.group.sid, name: group.name, security: obs.security, record },
        }),
      ];
    }
    case 'sidHistory': {
      const p = ensurePrincipal(world, nothingKnown, obs.principal, 'user', record);
      return [
        ...p.events,
        ...sidHistoryAdded(world, p.name, obs.principal.sid, obs.history, record),
      ];
    }
    case 'logon':
      return observedLogon(world, obs, at);
    case 'tokenGroups': {
      const userSid = obs.user.sid;
      const user = obs.user.name ?? dir.principals.get(userSid)?.name ?? userSid;
      const seen = fact({
        type: 'TokenGroupsObserved',
        data: { machine, logonId: obs.logonId, user, userSid, sids: obs.sids, record },
      });
      const logon = world.machines.get(key(machine))?.observedLogons.get(obs.logonId);
      // A token read before its logon waits for it (the logon judges it when it arrives).
      if (!logon || logon.userSid !== userSid) return [seen];
      return [
        seen,
        ...judgeObservedToken(
          world,
          {
            machine,
            logonId: obs.logonId,
            user: logon.user,
            userSid,
            expected: logon.expected,
            expectedSource: logon.expectedSource,
            artifact: logon.artifact ?? { eventId: null, record: null },
            record: logon.record ?? null,
            event: logon.eventId,
          },
          { sids: obs.sids, record },
          truthNow(world, userSid).membership,
          groupEnsurer(world, record),
        ),
      ];
    }
    case 'logoff':
      return [fact({ type: 'LogoffObserved', data: { machine, logonId: obs.logonId, record } })];
    case 'ticket':
      return observedTicket(world, obs, at);
    case 'boot':
      return [fact({ type: 'MachineStartObserved', data: { machine, record } })];
    case 'shutdown':
      return [fact({ type: 'MachineStopObserved', data: { machine, record } })];
    case 'recorded':
      return [
        fact({
          type: 'SecurityEventRecorded',
          data: { machine, summary: obs.summary, fields: obs.fields, record },
        }),
      ];
    default: {
      const never: never = obs;
      throw new Error(`unhandled observation ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A logged logon: the token the rules predict for it, and what the logon itself changes (cache,
 * Basic cache).
 */
function observedLogon(
  world: World,
  obs: Extract<Observation, { kind: 'logon' }>,
  at: string,
): Decided[] {
  const { record } = obs;
  const machine = record.computer;
  const userSid = obs.user.sid;
  const domainUser = isDomainSid(domainOf(userSid));
  const ensured = domainUser
    ? ensurePrincipal(world, nothingKnown, obs.user, 'user', record)
    : null;
  const user = ensured?.name ?? obs.user.name ?? userSid;
  // A machine first seen in this record: its defaults (an empty logon cache) until it is stored.
  const m = world.machines.get(key(machine)) ?? newMachine(machine, '', { up: true, boot: 1 });
  const created = domainUser && !world.directory.principals.has(userSid);
  const truth = !domainUser
    ? { membership: null, cause: null }
    : created
      ? { membership: newAccountTruth(world, obs.user, ensured?.known), cause: null }
      : truthNow(world, userSid);
  const basic = world.serverCaches.get(key(machine))?.basic.get(userSid);
  const cacheEntry = m.logonCache.get(userSid);
  const observedTgt = world.observedTgts.get(userSid);
  const expected = expectedTokenAtObservedLogon({
    logonType: obs.logonType,
    authPackage: obs.authPackage,
    truth: truth.membership,
    cacheEntry: cacheEntry?.membership ?? null,
    observedTgtPac: observedTgt?.pac ?? null,
    basicEntry: serverCacheEntryLive(basic, at, m.boot) ? basic.membership : null,
    policy: policyOf(world, m),
  });
  const artifact =
    expected.source === 'logon-cache'
      ? { eventId: cacheEntry?.eventId ?? null, record: cacheEntry?.record ?? null }
      : expected.source === 'observed-tgt'
        ? { eventId: observedTgt?.eventId ?? null, record: observedTgt?.record ?? null }
        : expected.source === 'basic-cache'
          ? { eventId: basic?.eventId ?? null, record: null }
          : { eventId: truth.cause, record: null };
  const logged = fact(
    {
      type: 'LogonObserved',
      data: {
        machine,
        logonId: obs.logonId,
        user,
        userSid,
        logonType: obs.logonType,
        authPackage: obs.authPackage,
        elevated: obs.elevated,
        expected: expected.membership,
        expectedSource: expected.source,
        artifact,
        record,
      },
    },
    artifact.eventId,
  );
  const who = { name: user, sid: userSid };
  const fresh = truth.membership ? { membership: truth.membership, cause: truth.cause } : null;
  const pending = m.pendingTokens.get(obs.logonId);
  const refreshed =
    expected.refreshesCache && fresh
      ? refreshLogonCache(world, m, who, fresh).map((d) =>
          d.event.type === 'LogonCacheRefreshed'
            ? { ...d, event: { ...d.event, data: { ...d.event.data, record } } }
            : d,
        )
      : [];
  return [
    ...(ensured?.events ?? []),
    logged,
    ...refreshed,
    ...(expected.cachesBasic && fresh ? [cacheBasicToken(world, m, who, fresh, at)] : []),
    ...(pending && pending.userSid === userSid
      ? judgeObservedToken(
          world,
          {
            machine,
            logonId: obs.logonId,
            user,
            userSid,
            expected: expected.membership,
            expectedSource: expected.source,
            artifact,
            record,
            event: logged,
          },
          { sids: pending.sids, record: pending.record },
          truth.membership,
          groupEnsurer(world, pending.record, ensured?.known),
        )
      : []),
  ];
}

/**
 * Directory truth of a user this decision creates (its first record is a logon): what the log
 * shows of it so far, its implicit Domain Users when it is of the directory's domain.
 */
function newAccountTruth(world: World, user: ObservedPrincipal, known?: Known): Membership {
  const domain = domainOf(user.sid);
  const ofDirectory = world.directory.sid ? world.directory.sid === domain : !!known?.domain;
  const usersSid = `${domain}-${RID.domainUsers}`;
  const users = world.directory.principals.get(usersSid)?.name ?? 'Domain Users';
  return {
    principal: { name: user.name ?? user.sid, sid: user.sid, sidHistory: [] },
    groups: !user.scope && ofDirectory ? [{ name: users, sid: usersSid, sidHistory: [] }] : [],
  };
}

/** Creates, within one decision, the group principals a judgement names (the domain first). */
function groupEnsurer(world: World, record: RecordRef, known: Known = nothingKnown): EnsureGroup {
  let k = known;
  return (sid) => {
    const r = ensurePrincipal(world, k, { sid }, 'group', record);
    k = r.known;
    return { name: r.name, events: r.events };
  };
}

/** `CN=Finance,OU=Groups,DC=corp` → `Finance` (escaped commas kept). */
function commonName(dn: string): string {
  const m = /^CN=((?:\\.|[^,])+)/i.exec(dn);
  return m ? m[1].replace(/\\(.)/g, '$1') : dn;
}

/**
 * An account a log names with what it is (4720 user, 4741 computer, a group event) or its
 * PrimaryGroupId: created or named, its kind corrected when an earlier event could only guess it,
 * its primary group recorded when it is not the default one.
 */
function observedAccount(world: World, obs: Extract<Observation, { kind: 'account' }>): Decided[] {
  const { record, primaryGroupRid: rid } = obs;
  const existing = world.directory.principals.get(obs.principal.sid);
  const stated =
    obs.principal.kind ?? (rid !== undefined ? accountKindOfPrimaryGroup(rid) : undefined);
  // A rename (4781) says nothing of the kind: the account keeps the one it has.
  const kind = stated ?? existing?.kind ?? 'user';
  const ensured = ensurePrincipal(
    world,
    nothingKnown,
    { ...obs.principal, kind },
    kind,
    record,
    obs.security,
  );
  const events = [...ensured.events];
  const sid = obs.principal.sid;
  if (
    existing &&
    stated &&
    existing.kind !== stated &&
    existing.kind !== 'group' &&
    stated !== 'group'
  )
    events.push(
      fact({
        type: 'PrincipalKindObserved',
        data: { sid, name: ensured.name, kind: stated, record },
      }),
    );
  const current = existing?.primaryGroupRid ?? defaultPrimaryGroup(kind);
  if (rid !== undefined && kind !== 'group' && rid !== current)
    events.push(
      fact({ type: 'PrimaryGroupChanged', data: { sid, name: ensured.name, rid, record } }),
    );
  return [...events, ...sidHistoryAdded(world, ensured.name, sid, obs.sidHistory ?? [], record)];
}

/** The SIDs of a history the principal does not hold yet (4765, 4738, 4742). */
function sidHistoryAdded(
  world: World,
  name: string,
  principalSid: string,
  history: readonly string[],
  record: RecordRef,
): Decided[] {
  const known = world.directory.principals.get(principalSid)?.sidHistory ?? [];
  return history
    .filter((sid) => isSid(sid) && !known.includes(sid))
    .map((sid) =>
      fact({ type: 'SidHistoryAdded', data: { principal: name, principalSid, sid, record } }),
    );
}

/**
 * A logged Kerberos ticket: its PAC is truth when issued (a TGT) or the last TGT's PAC; delegation
 * fills the front end's cache.
 */
function observedTicket(
  world: World,
  obs: Extract<Observation, { kind: 'ticket' }>,
  at: string,
): Decided[] {
  const { record } = obs;
  const dir = world.directory;
  const sid =
    obs.user.sid ||
    (obs.user.name ? dir.byName.get(obs.user.name.toLowerCase()) : undefined) ||
    null;
  const ensured =
    sid && obs.user.sid && isDomainSid(domainOf(sid))
      ? ensurePrincipal(world, nothingKnown, obs.user, 'user', record)
      : null;
  const truth = sid ? truthNow(world, sid) : { membership: null, cause: null };
  const pac =
    obs.ticket === 'tgt'
      ? truth.membership
      : sid
        ? (world.observedTgts.get(sid)?.pac ?? truth.membership)
        : null;
  const user = obs.user.name || sid || '?';
  const seen = fact(
    {
      type: 'TicketObserved',
      data: {
        machine: record.computer,
        ticket: obs.ticket,
        user,
        userSid: sid,
        service: obs.service,
        transmittedServices: obs.delegatedBy ? [obs.delegatedBy] : [],
        status: obs.status,
        pac: obs.issued ? pac : null,
        record,
      },
    },
    truth.cause,
  );
  const events = [...(ensured?.events ?? []), seen];
  // A ticket obtained through delegation: the delegating server now holds one for the user.
  if (!obs.issued || !obs.delegatedBy || !sid || !pac || !obs.serviceHost) return events;
  const server = world.machines.get(key(obs.delegatedBy));
  return [
    ...events,
    ...ensureMachine(world, obs.delegatedBy, record),
    fact({
      type: 'DelegationTicketCached',
      data: {
        server: server?.name ?? obs.delegatedBy,
        serverBoot: server?.boot ?? 1,
        user,
        userSid: sid,
        backend: obs.serviceHost,
        membership: pac,
        expiresAt: addMs(at, policyOf(world, server).maxTicketAge),
      },
    }),
  ];
}
