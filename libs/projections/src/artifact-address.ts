import type { ArtifactKind } from '@tokentrail/domain';
import type { ArtifactAddress, ExplainArgs } from './timeline-view';

/**
 * A logon session's half and what follows it in an id (`s1/limited`, `s1/elevated/cifs/FS1`). The
 * label is what comes before the first `/limited` or `/elevated` segment: a label that itself
 * holds such a segment cannot be told apart, and none of the examples has one.
 */
function sessionPart(id: string): { session: string; half: 'limited' | 'elevated'; rest?: string } {
  const m = /^(.*?)\/(limited|elevated)(?:\/(.*))?$/.exec(id);
  if (!m) return { session: id, half: 'limited' };
  return {
    session: m[1],
    half: m[2] as 'limited' | 'elevated',
    ...(m[3] !== undefined ? { rest: m[3] } : {}),
  };
}

/** Up to the first `/`, and the rest (server and user names hold none). */
function split(id: string): [string, string] {
  const i = id.indexOf('/');
  return i < 0 ? [id, ''] : [id.slice(0, i), id.slice(i + 1)];
}

/**
 * What an artifact's id names, as `liveArtifacts` builds ids in libs/domain: the page uses it to
 * ask about the artifact (explain, remediate) without parsing ids itself.
 */
export function artifactAddress(kind: ArtifactKind, id: string): ArtifactAddress {
  switch (kind) {
    case 'session-token':
    case 'tgt': {
      const { session, half } = sessionPart(id);
      return { session, half };
    }
    case 'service-ticket': {
      const { session, half, rest } = sessionPart(id);
      return { session, half, ...(rest ? { spn: rest } : {}) };
    }
    case 'smb-session': {
      const { session, half, rest } = sessionPart(id);
      return { session, half, ...(rest ? { server: rest } : {}) };
    }
    case 'process-token':
      return { process: id };
    case 'connection':
      return { connection: id };
    case 'logon-cache': {
      const [machine, user] = split(id);
      return { machine, user };
    }
    case 'basic-cache': {
      const [server, user] = split(id);
      return { server, user };
    }
    case 'delegation-cache': {
      const [server, rest] = split(id);
      const [user, backend] = split(rest);
      return { server, user, backend };
    }
    case 'system-token':
    case 'computer-tgt':
      return { machine: id };
    default: {
      const never: never = kind;
      throw new Error(`unknown artifact kind ${String(never)}`);
    }
  }
}

const half = (a: ArtifactAddress): ExplainArgs =>
  a.half === 'elevated' ? { elevated: 'true' } : {};

/**
 * The `/explain` arguments that name this artifact at a moment it lives, or null for the kinds
 * the query language has no words for (service tickets, connections, logon-cache and delegation
 * entries: their lineage starts at `sourceEvent`).
 */
export function explainArgs(kind: ArtifactKind, a: ArtifactAddress): ExplainArgs | null {
  switch (kind) {
    case 'session-token':
      return { session: a.session, ...half(a), of: 'token' };
    case 'tgt':
      return { session: a.session, ...half(a), of: 'tgt' };
    case 'smb-session':
      return a.server
        ? { session: a.session, ...half(a), server: a.server, of: 'smbSession' }
        : null;
    case 'process-token':
      return { process: a.process, of: 'token' };
    case 'basic-cache':
      return { server: a.server, user: a.user, of: 'basicCache' };
    case 'system-token':
      return { machine: a.machine, of: 'token' };
    case 'computer-tgt':
      return { machine: a.machine, of: 'tgt' };
    case 'service-ticket':
    case 'connection':
    case 'logon-cache':
    case 'delegation-cache':
      return null;
    default: {
      const never: never = kind;
      throw new Error(`unknown artifact kind ${String(never)}`);
    }
  }
}
