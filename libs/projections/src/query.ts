/** The questions of SCENARIOS.md, as the runner, the CLI and the API ask them. */
export interface QueryArgs {
  truth: { principal: string };
  token: { session?: string; elevated?: boolean; process?: string; machine?: string };
  tgt: { session?: string; elevated?: boolean; machine?: string };
  logonCache: { machine: string; user: string };
  basicCache: { server: string; user: string };
  smbSession: { session: string; elevated?: boolean; server: string };
  stale: { principal?: string };
  explain: {
    access?: string;
    session?: string;
    elevated?: boolean;
    process?: string;
    machine?: string;
    server?: string;
    user?: string;
    /** Which artifact of a session the explanation is for, when the arguments alone do not say: token (default), tgt or smbSession. */
    of?: 'token' | 'tgt' | 'smbSession' | 'basicCache';
  };
  remediate: {
    principal: string;
    server?: string;
    service?: string;
    auth?: string;
    session?: string;
  };
}

export type QueryKind = keyof QueryArgs;
export type Query = { [K in QueryKind]: { kind: K; args: QueryArgs[K] } }[QueryKind];
export const QUERY_KINDS: readonly QueryKind[] = [
  'truth',
  'token',
  'tgt',
  'logonCache',
  'basicCache',
  'smbSession',
  'stale',
  'explain',
  'remediate',
];

/** One answer, in the result shape of SCENARIOS.md (minus id, kind, at, expect and pass). */
export interface Answer {
  none?: true;
  groups?: string[];
  sids?: string[];
  source?: string;
  denied?: boolean;
  reason?: string;
  items?: Record<string, unknown>[];
}
