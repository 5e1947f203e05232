import { fact, type Decided } from '../decider/decided';
import { policyOf, truthNow } from '../decider/reads';
import type { PrincipalKind } from '../directory/directory-state';
import { addMs } from '../kerberos/ticket';
import { refreshLogonCache } from '../logon/refresh-logon-cache';
import { cacheBasicToken } from '../server-cache/cache-basic-token';
import { serverCacheEntryLive } from '../server-cache/server-cache-entry-live';
import { domainOf, isDomainSid, isSid, RID } from '../sids';
import { key, type World } from '../world/world-state';
import { expectedTokenAtObservedLogon } from './expected-token-at-observed-logon';
import {
  alreadyImported,
  type Observation,
  type ObservedPrincipal,
  type RecordRef,
} from './observation';
import { observedTokenDivergence } from './observed-token-divergence';

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
    return { name: p.name ?? existing?.name ?? p.sid, events, known };
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
  const name =
    p.name && !dir.byName.has(p.name.toLowerCase())
      ? p.name
      : p.name
        ? `${p.name} (${p.sid})`
        : p.sid;
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
    case 'account': {
      // A rename (4781) says nothing of the kind: the account keeps the one it has.
      const kind = obs.principal.kind ?? dir.principals.get(obs.principal.sid)?.kind ?? 'user';
      return ensurePrincipal(world, nothingKnown, obs.principal, kind, record, obs.security).events;
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
      const present = dir.members.get(obs.group.sid)?.has(obs.member.sid) ?? false;
      if (present === obs.add) return [...group.events, ...member.events];
      const data = {
        group: group.name,
        groupSid: obs.group.sid,
        member: member.name,
        memberSid: obs.member.sid,
        record,
      };
      return [
        ...group.events,
        ...member.events,
        fact(obs.add ? { type: 'MemberAdded', data } : { type: 'MemberRemoved', data }),
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
      const known = dir.principals.get(obs.principal.sid)?.sidHistory ?? [];
      const added = obs.history.filter((sid) => isSid(sid) && !known.includes(sid));
      return [
        ...p.events,
        ...added.map((sid) =>
          fact({
            type: 'SidHistoryAdded',
            data: { principal: p.name, principalSid: obs.principal.sid, sid, record },
          }),
        ),
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
      const expected = logon?.expected ?? truthNow(world, userSid).membership;
      const { more, less } = observedTokenDivergence(dir, userSid, obs.sids, expected);
      if (!more.length && !less.length) return [seen];
      return [
        seen,
        fact(
          {
            type: 'TokenDivergenceFound',
            data: {
              machine,
              logonId: obs.logonId,
              user,
              userSid,
              expectedSource: logon?.expectedSource ?? 'directory',
              more,
              less,
              record,
            },
          },
          logon?.eventId ?? null,
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
  const m = world.machines.get(key(machine));
  const truth = domainUser ? truthNow(world, userSid) : { membership: null, cause: null };
  const basic = world.serverCaches.get(key(machine))?.basic.get(userSid);
  const cacheEntry = m?.logonCache.get(userSid);
  const observedTgt = world.observedTgts.get(userSid);
  const expected = expectedTokenAtObservedLogon({
    logonType: obs.logonType,
    authPackage: obs.authPackage,
    truth: truth.membership,
    cacheEntry: cacheEntry?.membership ?? null,
    observedTgtPac: observedTgt?.pac ?? null,
    basicEntry: m && serverCacheEntryLive(basic, at, m.boot) ? basic.membership : null,
    policy: policyOf(world, m),
  });
  const cause =
    expected.source === 'logon-cache'
      ? (cacheEntry?.eventId ?? null)
      : expected.source === 'observed-tgt'
        ? (observedTgt?.eventId ?? null)
        : truth.cause;
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
        record,
      },
    },
    cause,
  );
  const who = { name: user, sid: userSid };
  const fresh = truth.membership ? { membership: truth.membership, cause: truth.cause } : null;
  return [
    ...(ensured?.events ?? []),
    logged,
    ...(expected.refreshesCache && fresh && m ? refreshLogonCache(world, m, who, fresh) : []),
    ...(expected.cachesBasic && fresh && m ? [cacheBasicToken(world, m, who, fresh, at)] : []),
  ];
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
