import type { Decision } from '../decide/decision';
import type { PrincipalKind } from '../directory/directory-state';
import { addMs } from '../kerberos/ticket';
import { effectivePolicy } from '../policy';
import { serverCacheEntryLive } from '../server-cache/server-cache-entry-live';
import { isDomainSid, isSid } from '../sids';
import { key } from '../world/world-state';
import { expectedTokenAtObservedLogon } from './expected-token-at-observed-logon';
import { observedTokenDivergence } from './observed-token-divergence';
import { recordKey, type Observation, type ObservedPrincipal, type RecordRef } from './observation';

const domainOf = (sid: string) => sid.split('-').slice(0, 7).join('-');

/** Principals and machines this decision creates, so that later events of the same decision see them. */
class Seen {
  readonly sids = new Set<string>();
  readonly machines = new Set<string>();
  domain = false;
}

function ensureMachine(d: Decision, seen: Seen, name: string, record: RecordRef): void {
  if (!name || d.world.machines.has(key(name)) || seen.machines.has(key(name))) return;
  seen.machines.add(key(name));
  d.emit({ type: 'MachineObserved', data: { machine: name, record } });
}

/**
 * A principal known by SID, created when a log first names it (by SID only if need be) and
 * named when a later event gives the name. The first domain SID seen creates the domain.
 */
function ensurePrincipal(
  d: Decision,
  seen: Seen,
  p: ObservedPrincipal,
  guess: PrincipalKind,
  record: RecordRef,
  security?: boolean,
): string {
  const dir = d.world.directory;
  // sAMAccountNames ending in $ are computer accounts.
  const kind: PrincipalKind = guess === 'user' && p.name?.endsWith('$') ? 'computer' : guess;
  const existing = dir.principals.get(p.sid);
  if (existing || seen.sids.has(p.sid)) {
    if (
      existing &&
      p.name &&
      existing.name !== p.name &&
      (existing.name === existing.sid || existing.deleted === false) &&
      existing.name.toLowerCase() !== p.name.toLowerCase()
    ) {
      d.emit({
        type: 'PrincipalNamed',
        data: { sid: p.sid, name: p.name, previous: existing.name, record },
      });
    }
    return p.name ?? existing?.name ?? p.sid;
  }
  if (!p.scope && isDomainSid(domainOf(p.sid)) && !dir.sid && !seen.domain) {
    seen.domain = true;
    d.emit({
      type: 'DomainCreated',
      data: { name: p.domain || 'imported', sid: domainOf(p.sid), policy: {} },
    });
    for (const rid of [512, 513, 515]) seen.sids.add(`${domainOf(p.sid)}-${rid}`);
    if (seen.sids.has(p.sid)) return p.name ?? p.sid;
  }
  seen.sids.add(p.sid);
  const name =
    p.name && !dir.byName.has(p.name.toLowerCase())
      ? p.name
      : p.name
        ? `${p.name} (${p.sid})`
        : p.sid;
  d.emit({
    type: 'PrincipalCreated',
    data: {
      kind,
      name,
      sid: p.sid,
      ...(p.scope ? { scope: p.scope } : {}),
      ...(security === false ? { security } : {}),
      record,
    },
  });
  return name;
}

/** Imports one observed fact (SIEM): lenient where logs are messy, deduplicated by computer and record. */
export function decideObserve(d: Decision, obs: Observation): void {
  const { record } = obs;
  if (d.world.importedRecords.has(recordKey(record))) return;
  const seen = new Seen();
  const machine = record.computer;
  ensureMachine(d, seen, machine, record);
  switch (obs.kind) {
    case 'account': {
      ensurePrincipal(d, seen, obs.principal, obs.principalKind, record, obs.security);
      return;
    }
    case 'accountDeleted': {
      const p = d.world.directory.principals.get(obs.principal.sid);
      if (p && !p.deleted)
        d.emit({ type: 'PrincipalDeleted', data: { name: p.name, sid: p.sid, record } });
      return;
    }
    case 'membership': {
      const group = ensurePrincipal(d, seen, obs.group, 'group', record, obs.security);
      const member = ensurePrincipal(
        d,
        seen,
        obs.member,
        d.world.directory.principals.get(obs.member.sid)?.kind ?? 'user',
        record,
      );
      const present = d.world.directory.members.get(obs.group.sid)?.has(obs.member.sid) ?? false;
      if (present === obs.add) return;
      const data = { group, groupSid: obs.group.sid, member, memberSid: obs.member.sid, record };
      d.emit(obs.add ? { type: 'MemberAdded', data } : { type: 'MemberRemoved', data });
      return;
    }
    case 'groupTypeChanged': {
      const name = ensurePrincipal(d, seen, obs.group, 'group', record, obs.security);
      d.emit({
        type: 'GroupTypeChanged',
        data: { sid: obs.group.sid, name, security: obs.security, record },
      });
      return;
    }
    case 'sidHistory': {
      const name = ensurePrincipal(d, seen, obs.principal, 'user', record);
      const known = d.world.directory.principals.get(obs.principal.sid)?.sidHistory ?? [];
      for (const sid of obs.history)
        if (isSid(sid) && !known.includes(sid))
          d.emit({
            type: 'SidHistoryAdded',
            data: { principal: name, principalSid: obs.principal.sid, sid, record },
          });
      return;
    }
    case 'logon': {
      const userSid = obs.user.sid;
      const domainUser = isDomainSid(domainOf(userSid));
      const user = domainUser
        ? ensurePrincipal(d, seen, obs.user, 'user', record)
        : (obs.user.name ?? userSid);
      const m = d.world.machines.get(key(machine));
      const policy = effectivePolicy(d.world.directory.policy, m?.policy);
      const truth = domainUser ? d.truth(userSid) : { membership: null, eventId: null };
      const basic = d.world.serverCaches.get(key(machine))?.basic.get(userSid);
      const expected = expectedTokenAtObservedLogon({
        logonType: obs.logonType,
        authPackage: obs.authPackage,
        truth: truth.membership,
        cacheEntry: m?.logonCache.get(userSid)?.membership ?? null,
        observedTgtPac: d.world.observedTgts.get(userSid)?.pac ?? null,
        basicEntry: m && serverCacheEntryLive(basic, d.at, m.boot) ? basic.membership : null,
        policy,
      });
      const causation =
        expected.source === 'logon-cache'
          ? (m?.logonCache.get(userSid)?.eventId ?? null)
          : expected.source === 'observed-tgt'
            ? (d.world.observedTgts.get(userSid)?.eventId ?? null)
            : truth.eventId;
      d.emit(
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
        causation,
      );
      if (expected.refreshesCache && truth.membership && m)
        d.refreshLogonCache(m, user, userSid, {
          membership: truth.membership,
          eventId: truth.eventId,
        });
      if (expected.cachesBasic && truth.membership && m)
        d.cacheBasicToken(m, user, userSid, {
          membership: truth.membership,
          eventId: truth.eventId,
        });
      return;
    }
    case 'tokenGroups': {
      const userSid = obs.user.sid;
      const user = obs.user.name ?? d.world.directory.principals.get(userSid)?.name ?? userSid;
      d.emit({
        type: 'TokenGroupsObserved',
        data: { machine, logonId: obs.logonId, user, userSid, sids: obs.sids, record },
      });
      const logon = d.world.machines.get(key(machine))?.observedLogons.get(obs.logonId);
      const expected = logon?.expected ?? d.truth(userSid).membership;
      const { more, less } = observedTokenDivergence(
        d.world.directory,
        userSid,
        obs.sids,
        expected,
      );
      if (more.length || less.length) {
        d.emit(
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
        );
      }
      return;
    }
    case 'logoff':
      d.emit({ type: 'LogoffObserved', data: { machine, logonId: obs.logonId, record } });
      return;
    case 'ticket': {
      const bare = (obs.user.name ?? '').split('@')[0];
      const sid = obs.user.sid || d.world.directory.byName.get(bare.toLowerCase()) || null;
      if (sid && obs.user.sid && isDomainSid(domainOf(sid)))
        ensurePrincipal(
          d,
          seen,
          { ...obs.user, name: bare || undefined },
          bare.endsWith('$') ? 'computer' : 'user',
          record,
        );
      const pac =
        obs.ticket === 'tgt' && sid
          ? d.truth(sid).membership
          : sid
            ? (d.world.observedTgts.get(sid)?.pac ?? d.truth(sid).membership)
            : null;
      const ok = /^0x0+$|^0$/.test(obs.status) || obs.status === '';
      d.emit(
        {
          type: 'TicketObserved',
          data: {
            machine,
            ticket: obs.ticket,
            user: bare || sid || '?',
            userSid: sid,
            service: obs.service,
            transmittedServices: obs.transmittedServices,
            status: obs.status,
            pac: ok ? pac : null,
            record,
          },
        },
        sid ? d.truth(sid).eventId : null,
      );
      // A ticket obtained through delegation: the delegating server now holds one for the user.
      const front = obs.transmittedServices[0]?.split(/[/@]/)[0]?.replace(/\$$/, '');
      if (ok && front && sid && pac && obs.service) {
        ensureMachine(d, seen, front.toUpperCase(), record);
        const server = d.world.machines.get(key(front));
        const backend = obs.service.split(/[/@]/).pop()?.replace(/\$$/, '') ?? obs.service;
        d.emit({
          type: 'DelegationTicketCached',
          data: {
            server: server?.name ?? front.toUpperCase(),
            serverBoot: server?.boot ?? 1,
            user: bare || sid,
            userSid: sid,
            backend,
            membership: pac,
            expiresAt: addMs(
              d.at,
              effectivePolicy(d.world.directory.policy, server?.policy).maxTicketAge,
            ),
          },
        });
      }
      return;
    }
    case 'boot':
      d.emit({ type: 'MachineStartObserved', data: { machine, record } });
      return;
    case 'shutdown':
      d.emit({ type: 'MachineStopObserved', data: { machine, record } });
      return;
    case 'recorded':
      d.emit({
        type: 'SecurityEventRecorded',
        data: { machine, summary: obs.summary, fields: obs.fields, record },
      });
      return;
  }
}
