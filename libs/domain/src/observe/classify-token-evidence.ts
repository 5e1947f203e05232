import {
  evidenceKey,
  type DirectoryState,
  type MembershipEvidence,
} from '../directory/directory-state';
import type { Membership } from '../directory/membership';
import type { FindingClass } from '../events/events';
import { domainOf, isDomainSid } from '../sids';

/** One group of a finding, with the evidence of its membership (null: no logged change). */
export interface EvidencedGroup {
  sid: string;
  evidence: MembershipEvidence | null;
}

export interface TokenFinding {
  finding: FindingClass;
  /** Whether the logged token held these groups (lingering) or lacked them (missing). */
  carried: boolean;
  groups: EvidencedGroup[];
}

export interface TokenEvidence {
  /** Groups the token held that no logged change explains: held since before the log. */
  baseline: string[];
  findings: TokenFinding[];
}

const sidsOf = (m: Membership | null, relevant: (sid: string) => boolean): Set<string> => {
  const out = new Set<string>();
  for (const sid of m?.principal.sidHistory ?? []) if (relevant(sid)) out.add(sid);
  for (const g of m?.groups ?? [])
    for (const sid of [g.sid, ...g.sidHistory]) if (relevant(sid)) out.add(sid);
  return out;
};

/**
 * The evidence model (issue 10): what the directory held before a log's first record is unknown,
 * so a logged token (4627) is judged against three things, group by group of the user's own domain
 * (well-known, BUILTIN and machine-local SIDs come from the logon machine, not the directory):
 * directory truth now, the token the rules predict (`expected`), and the last logged change of
 * that membership.
 * - held, not in truth, no logged change: a **baseline fact** (held since before the log);
 * - held, not in truth, removal logged: `lingering-after-removal` when the rules predict it (a
 *   logon cache, a TGT, a Basic cache filled before), else `unexplained`;
 * - lacking, in truth, addition logged: `missing-after-add` when the rules predict it, else
 *   `unexplained`; lacking a baseline fact: `unexplained` (no logged removal);
 * - held and in truth but predicted absent after a logged addition, or predicted held after a
 *   logged removal but lacking: `unexplained` (the rule that should have produced it did not).
 * A group held since before the log (a baseline fact) is taken to be in every artifact filled
 * before its removal, even one filled before the fact was seen (`artifactAt`).
 */
export function classifyTokenEvidence(input: {
  dir: DirectoryState;
  userSid: string;
  observedSids: readonly string[];
  expected: Membership | null;
  truth: Membership | null;
  /** When the artifact the rules build the token from was filled (null: built at the logon). */
  artifactAt: string | null;
}): TokenEvidence {
  const { dir, userSid } = input;
  if (!isDomainSid(domainOf(userSid))) return { baseline: [], findings: [] };
  const prefix = `${domainOf(userSid)}-`;
  const relevant = (sid: string) => sid.startsWith(prefix) && sid !== userSid;
  const observed = new Set(input.observedSids.filter(relevant));
  const expected = sidsOf(input.expected, relevant);
  const truth = sidsOf(input.truth, relevant);
  const evidenceOf = (sid: string) => dir.evidence.get(evidenceKey(userSid, sid)) ?? null;
  const baseline: string[] = [];
  const found = new Map<string, TokenFinding>();
  const add = (finding: FindingClass, carried: boolean, sid: string) => {
    const k = `${finding}|${carried}`;
    let f = found.get(k);
    if (!f) found.set(k, (f = { finding, carried, groups: [] }));
    f.groups.push({ sid, evidence: evidenceOf(sid) });
  };
  for (const sid of [...new Set([...observed, ...truth, ...expected])].sort()) {
    const held = observed.has(sid);
    const evidence = evidenceOf(sid);
    const kind = evidence?.kind ?? null;
    const predicted =
      expected.has(sid) ||
      (kind === 'removed' &&
        !!evidence?.heldBeforeLog &&
        input.artifactAt !== null &&
        input.artifactAt < evidence.at);
    if (held && !truth.has(sid)) {
      if (kind === null) baseline.push(sid);
      else if (kind === 'removed' && predicted) add('lingering-after-removal', true, sid);
      else add('unexplained', true, sid);
    } else if (!held && truth.has(sid)) {
      if (kind === 'added' && !predicted) add('missing-after-add', false, sid);
      else if (kind !== null) add('unexplained', false, sid);
    } else if (held && !predicted && kind === 'added') add('unexplained', true, sid);
    else if (!held && predicted && kind === 'removed') add('unexplained', false, sid);
  }
  return { baseline, findings: [...found.values()] };
}
