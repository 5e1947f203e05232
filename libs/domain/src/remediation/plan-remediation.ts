import { decide } from '../decider/decide';
import { liveSession } from '../decider/reads';
import { applyDecided } from '../decider/stamp';
import { findPrincipal } from '../directory/directory-state';
import { directoryTruth } from '../directory/directory-truth';
import { membershipDifference, type Membership } from '../directory/membership';
import { InvalidArgument, UnknownPrincipal } from '../errors';
import type { DataOf } from '../events/events';
import { sessionAlive } from '../machine/liveness';
import { smbSessionIdleExpiry, smbSessionReuse } from '../network/smb-session-reuse';
import { effectivePolicy } from '../policy';
import type { Auth, Service } from '../schema/names';
import type { CommandArgs, SimCommand } from '../schema/verbs';
import { serverCacheEntryLive } from '../server-cache/server-cache-entry-live';
import { halfOf } from '../session/decide-session';
import { key, type SessionState, type World } from '../world/world-state';

export type RemediationAction =
  | { action: 'purge'; session: string; elevated: boolean; why: string }
  | { action: 'wait'; until: string; why: string }
  | { action: 'logoff'; session: string; why: string }
  | { action: 'logon'; user: string; machine: string; session: string; why: string }
  | { action: 'restart'; machine: string; why: string };

export type RemediationTarget =
  | { principal: string; server: string; service: Service; auth: Auth; session?: undefined }
  | { principal: string; session: string; server?: undefined };

export interface RemediationPlan {
  actions: RemediationAction[];
  /** The access that shows the result once the actions are replayed. */
  check: CommandArgs['access'];
}

const same = (a: Membership, b: Membership) => {
  const d = membershipDifference(a, b);
  return d.missing.length === 0 && d.lingering.length === 0;
};

/** What an access decided now would see (a trial: nothing is stored). */
function trialAccess(world: World, at: string, args: CommandArgs['access']): DataOf<'AccessMade'> {
  for (const d of decide(world, { verb: 'access', args }, at))
    if (d.event.type === 'AccessMade') return d.event.data;
  throw new Error('an access decision made no access');
}

function sessionFor(world: World, principalSid: string, label?: string): SessionState {
  if (label) {
    const s = liveSession(world, label);
    if (s.userSid !== principalSid)
      throw new InvalidArgument('session', `"${label}" is not a logon of this principal`);
    return s;
  }
  const live = [...world.sessions.values()].filter(
    (s) => s.userSid === principalSid && sessionAlive(world, s),
  );
  const latest = live.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
  if (!latest) throw new InvalidArgument('principal', 'has no live logon session to access from');
  return latest;
}

/**
 * SEMANTICS.md §11 remediation: the ordered, minimal actions that make the next access on a path
 * see directory truth. Network paths: purge stale tickets in each half, wait out an SMB session
 * or a Basic cache entry, restart a delegating server's OS. Local access: log off and on (twice
 * when the logon cache still holds the old groups). `proveRemediation` replays it on a copy.
 */
export function planRemediation(
  world: World,
  at: string,
  target: RemediationTarget,
): RemediationPlan {
  const principal = findPrincipal(world.directory, target.principal);
  if (!principal) throw new UnknownPrincipal(target.principal);
  const truth = directoryTruth(world.directory, principal.sid) as Membership;
  const session = sessionFor(world, principal.sid, target.session);
  const machine = world.machines.get(key(session.machine));
  const policy = effectivePolicy(world.directory.policy, machine?.policy);
  const actions: RemediationAction[] = [];

  if (target.server === undefined) {
    let label = session.label;
    if (!same(halfOf(session, false).token.membership, truth)) {
      const entry = machine?.logonCache.get(principal.sid);
      const stale =
        policy.tokenFromLogonCache &&
        policy.cachedLogonsCount > 0 &&
        entry &&
        !same(entry.membership, truth);
      const relogons = stale ? 2 : 1;
      for (let i = 1; i <= relogons; i++) {
        const next = `${session.label}~${i}`;
        actions.push({
          action: 'logoff',
          session: label,
          why: 'a token never changes: only a new logon builds a new one',
        });
        actions.push({
          action: 'logon',
          user: principal.name,
          machine: session.machine,
          session: next,
          why:
            i < relogons
              ? 'this logon rewrites the logon cache with directory truth; its token still comes from the old entry'
              : 'this token is built from the refreshed cache entry (or from truth)',
        });
        label = next;
      }
    }
    return { actions, check: { session: label, service: 'file' } };
  }

  const check: CommandArgs['access'] = {
    session: session.label,
    server: target.server,
    service: target.service,
    auth: target.auth,
  };
  const seen = trialAccess(world, at, check);
  if (seen.membership && same(seen.membership, truth)) return { actions, check };
  const server = world.machines.get(key(target.server));
  const serverBoot = server?.up ? server.boot : null;
  // Stale tickets in any half would be copied into the next session or request: purge each such
  // half.
  if (target.auth === 'kerberos') {
    for (const half of session.halves.values()) {
      const tickets = [half.tgt, ...half.serviceTickets.values()].filter((t) => t !== null);
      if (tickets.some((t) => !same(t.pac, truth))) {
        actions.push({
          action: 'purge',
          session: session.label,
          elevated: half.name === 'elevated',
          why: `the ${half.name} half's tickets carry a PAC from before the change`,
        });
      }
    }
  }
  if (seen.source === 'smb-session') {
    const smb = halfOf(session, false).smb.get(key(target.server));
    if (
      smbSessionReuse(smb, at, policy.smbIdleTimeout, serverBoot) &&
      !same(smb.membership, truth)
    ) {
      actions.push({
        action: 'wait',
        until: smbSessionIdleExpiry(smb, policy.smbIdleTimeout),
        why: 'the open SMB session keeps its token until it has been idle for smbIdleTimeout (no access meanwhile); the client cannot close it',
      });
    }
  } else if (seen.source === 'basic-cache') {
    const entry = world.serverCaches.get(key(target.server))?.basic.get(principal.sid);
    if (serverCacheEntryLive(entry, at, serverBoot)) {
      actions.push({
        action: 'wait',
        until: entry.expiresAt,
        why: "the server's Basic-authentication token cache keeps the entry until its TTL ends (or the server OS restarts)",
      });
    }
  } else if (seen.source === 'delegation-cache') {
    actions.push({
      action: 'restart',
      machine: target.server,
      why: 'the delegation cache lives until its tickets expire or the server OS restarts',
    });
  }
  return { actions, check };
}

/** The command an action replays as, or null for waiting (the clock moves instead). */
export function actionCommand(a: RemediationAction): SimCommand | null {
  switch (a.action) {
    case 'purge':
      return { verb: 'purge', args: { session: a.session, elevated: a.elevated } };
    case 'logoff':
      return { verb: 'logoff', args: { session: a.session } };
    case 'logon':
      return { verb: 'logon', args: { user: a.user, machine: a.machine, session: a.session } };
    case 'restart':
      return { verb: 'restart', args: { machine: a.machine } };
    case 'wait':
      return null;
    default: {
      const never: never = a;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The proof of a plan (SEMANTICS.md §11): its actions replayed on a copy of the world (a fork
 * that lives only in memory; the simulation is untouched), then the check access made there.
 */
export function proveRemediation(
  world: World,
  at: string,
  plan: RemediationPlan,
): DataOf<'AccessMade'> {
  const fork = structuredClone(world);
  let n = 0;
  const ctx = () => ({ at: clock, newId: () => `fork-${++n}` });
  let clock = at;
  for (const a of plan.actions) {
    const command = actionCommand(a);
    if (command) applyDecided(fork, decide(fork, command, clock), ctx());
    else if (a.action === 'wait') clock = a.until;
  }
  return trialAccess(fork, clock, plan.check);
}
