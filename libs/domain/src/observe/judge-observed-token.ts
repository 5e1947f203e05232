import { fact, type Cause, type Decided } from '../decider/decided';
import type { Membership } from '../directory/membership';
import type { ExpectedSource, Explanation, SidName } from '../events/events';
import type { World } from '../world/world-state';
import { classifyTokenEvidence } from './classify-token-evidence';
import type { RecordRef } from './observation';

/** Why each rule makes a token differ from truth (the rule that produced the artifact). */
const BECAUSE: Record<ExpectedSource, string> = {
  'logon-cache':
    "an interactive logon builds the token from the machine's logon-cache entry, filled at an earlier logon (SEMANTICS.md §3)",
  'observed-tgt':
    'a network Kerberos logon carries the PAC of the TGT the DC issued earlier (SEMANTICS.md §5, §8)',
  'basic-cache':
    'the server built it from its Basic-authentication token cache, filled earlier (SEMANTICS.md §9)',
  directory: 'built from directory truth at the logon',
};

/** The logged logon a token belongs to, as the judgement needs it. */
export interface JudgedLogon {
  machine: string;
  logonId: string;
  user: string;
  userSid: string;
  expected: Membership | null;
  expectedSource: ExpectedSource;
  artifact: { eventId: string | null; record: RecordRef | null };
  record: RecordRef | null;
  /** The LogonObserved: stored (its id) or decided with this token (a reference). */
  event: Cause;
}

/** A group principal a baseline fact names, created by SID when the log has not named it. */
export type EnsureGroup = (sid: string) => { name: string; events: Decided[] };

const byTime = (a: RecordRef, b: RecordRef) =>
  a.time.localeCompare(b.time) || (a.recordId ?? 0) - (b.recordId ?? 0);

/**
 * A logged token (4627) joined with its logon (4624), judged by the evidence model
 * (classifyTokenEvidence) against directory truth now: its baseline facts enter truth with their
 * provenance, its findings are stored with their log records and lineage.
 */
export function judgeObservedToken(
  world: World,
  logon: JudgedLogon,
  token: { sids: readonly string[]; record: RecordRef },
  truth: Membership | null,
  ensureGroup: EnsureGroup,
): Decided[] {
  const dir = world.directory;
  const judged = classifyTokenEvidence({
    dir,
    userSid: logon.userSid,
    observedSids: token.sids,
    expected: logon.expected,
    truth,
    artifactAt: logon.artifact.record?.time ?? null,
  });
  const events: Decided[] = [];
  for (const groupSid of judged.baseline) {
    const group = ensureGroup(groupSid);
    events.push(
      ...group.events,
      fact(
        {
          type: 'BaselineMembershipObserved',
          data: {
            group: group.name,
            groupSid,
            member: logon.user,
            memberSid: logon.userSid,
            machine: logon.machine,
            logonId: logon.logonId,
            record: token.record,
          },
        },
        logon.event,
      ),
    );
  }
  for (const f of judged.findings) {
    const explainedBy: Explanation | null =
      f.finding === 'unexplained'
        ? null
        : {
            rule: logon.expectedSource,
            because: BECAUSE[logon.expectedSource],
            artifactEventId: logon.artifact.eventId,
            record: logon.artifact.record,
          };
    const changes = f.groups.flatMap((g) => (g.evidence ? [g.evidence] : []));
    const records = [
      ...changes.flatMap((c) => (c.record ? [c.record] : [])),
      ...(explainedBy?.record ? [explainedBy.record] : []),
      ...(logon.record ? [logon.record] : []),
      token.record,
    ].sort(byTime);
    const groups: SidName[] = f.groups.map((g) => ({
      sid: g.sid,
      name: dir.principals.get(g.sid)?.name ?? null,
    }));
    events.push(
      fact(
        {
          type: 'TokenDivergenceFound',
          data: {
            machine: logon.machine,
            logonId: logon.logonId,
            user: logon.user,
            userSid: logon.userSid,
            finding: f.finding,
            groups,
            carried: f.carried,
            expectedSource: logon.expectedSource,
            explainedBy,
            evidence: [...new Map(records.map((r) => [JSON.stringify(r), r])).values()],
            lineage: [
              ...(typeof logon.event === 'string' ? [logon.event] : []),
              ...(explainedBy?.artifactEventId ? [explainedBy.artifactEventId] : []),
              ...changes.map((c) => c.eventId),
            ],
            record: token.record,
          },
        },
        logon.event,
      ),
    );
  }
  return events;
}
