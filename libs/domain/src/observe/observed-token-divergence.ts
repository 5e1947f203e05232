import type { DirectoryState } from '../directory/directory-state';
import type { Membership } from '../directory/membership';
import type { SidName } from '../events/events';
import { domainOf, isDomainSid } from '../sids';

/**
 * Observed vs simulated: compare the group SIDs a log says a token held (4627) with what the
 * simulation says it should hold. Only SIDs of the user's own domain are compared: well-known,
 * BUILTIN, integrity-level and machine-local SIDs come from the logon machine, not the directory.
 * `more`: in the log, not in the model; `less`: in the model, not in the log.
 */
export function observedTokenDivergence(
  dir: DirectoryState,
  userSid: string,
  observedSids: readonly string[],
  expected: Membership | null,
): { more: SidName[]; less: SidName[] } {
  if (!isDomainSid(domainOf(userSid))) return { more: [], less: [] };
  const domain = `${domainOf(userSid)}-`;
  const relevant = (sid: string) => sid.startsWith(domain) && sid !== userSid;
  const observed = new Set(observedSids.filter(relevant));
  const model = new Set<string>();
  for (const g of expected?.groups ?? [])
    for (const sid of [g.sid, ...g.sidHistory]) if (relevant(sid)) model.add(sid);
  for (const sid of expected?.principal.sidHistory ?? []) if (relevant(sid)) model.add(sid);
  const named = (sid: string): SidName => ({ sid, name: dir.principals.get(sid)?.name ?? null });
  return {
    more: [...observed]
      .filter((s) => !model.has(s))
      .sort()
      .map(named),
    less: [...model]
      .filter((s) => !observed.has(s))
      .sort()
      .map(named),
  };
}
