/**
 * A deterministic synthetic enterprise for benchmarks (never a test): users, groups nested up to
 * `depth` levels with a few cycles, workstations and servers, and an endless timeline of commands:
 * membership churn, logons and relogons, purges, accesses over SMB, HTTP, LDAP and SQL with every
 * auth method, Basic caches, delegation, server restarts.
 */
import type { SimCommand } from '@tokentrail/domain';

export interface EnterpriseOptions {
  users: number;
  groups: number;
  machines: number;
  depth?: number;
  seed?: number;
}

export interface EnterpriseDomain {
  name: string;
  users: string[];
  groups: { name: string; members: string[] }[];
  computers: string[];
  servers: string[];
  workstations: string[];
}

export type Timed = { at: string } & SimCommand;

export const START = '2026-03-02T08:00:00.000Z';

/** mulberry32: a small seeded generator, so the same options always give the same enterprise. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function enterpriseDomain(o: EnterpriseOptions): EnterpriseDomain {
  const rnd = random(o.seed ?? 1);
  const depth = o.depth ?? 8;
  const users = Array.from({ length: o.users }, (_, i) => `u${i}`);
  const groupNames = Array.from({ length: o.groups }, (_, i) => `g${i}`);
  const members = new Map<string, string[]>(groupNames.map((g) => [g, []]));
  // Group i sits `i % depth` levels deep: each is a member of the one before it.
  for (let i = 0; i < o.groups; i++)
    if (i % depth !== 0) members.get(groupNames[i - 1])?.push(groupNames[i]);
  // A few cycles: one every thousand groups, from a deep group back to a top one.
  for (let i = depth - 1; i < o.groups; i += 1000)
    members.get(groupNames[i])?.push(groupNames[i - depth + 1]);
  for (const u of users) {
    const n = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) members.get(groupNames[Math.floor(rnd() * o.groups)])?.push(u);
  }
  const serverCount = Math.max(3, Math.floor(o.machines / 10));
  const servers = Array.from({ length: serverCount }, (_, i) => `SRV${i}`);
  const workstations = Array.from({ length: o.machines - serverCount }, (_, i) => `WS${i}`);
  return {
    name: 'corp.example',
    users,
    groups: groupNames.map((name) => ({ name, members: [...new Set(members.get(name))] })),
    computers: [...servers, ...workstations],
    servers,
    workstations,
  };
}

/** The commands that build the directory and boot every machine, at the start. */
export function* setUpCommands(d: EnterpriseDomain): Generator<Timed> {
  const at = START;
  yield { at, verb: 'createDomain', args: { name: d.name } };
  for (const g of d.groups)
    yield { at, verb: 'createPrincipal', args: { kind: 'group', name: g.name } };
  for (const u of d.users) yield { at, verb: 'createPrincipal', args: { kind: 'user', name: u } };
  for (const c of d.computers)
    yield { at, verb: 'createPrincipal', args: { kind: 'computer', name: c } };
  for (const g of d.groups)
    for (const m of g.members) yield { at, verb: 'addMember', args: { group: g.name, member: m } };
  for (const c of d.computers) {
    yield { at, verb: 'provisionMachine', args: { name: c } };
    yield { at, verb: 'boot', args: { machine: c } };
  }
}

const ACCESS = [
  { service: 'smb', auth: 'kerberos' },
  { service: 'smb', auth: 'ntlm' },
  { service: 'http', auth: 'kerberos' },
  { service: 'http', auth: 'ntlm' },
  { service: 'http', auth: 'basic' },
  { service: 'ldap', auth: 'basic' },
  { service: 'ldap', auth: 'kerberos' },
  { service: 'sql', auth: 'schannel' },
] as const;

/** The timeline: one command at a time, forever (the caller stops), without holding it whole. */
export function* timelineCommands(o: EnterpriseOptions, d: EnterpriseDomain): Generator<Timed> {
  const rnd = random((o.seed ?? 1) + 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const groupsOf = new Map<string, Set<string>>();
  for (const g of d.groups)
    for (const m of g.members) groupsOf.set(m, (groupsOf.get(m) ?? new Set()).add(g.name));
  const live: { label: string; user: string; machine: string }[] = [];
  const busy = new Set<string>();
  let clock = Date.parse(START);
  let n = 0;
  const logon = (at: string, user: string, machine: string): Timed => {
    const label = `s${n++}`;
    busy.add(user);
    live.push({ label, user, machine });
    return { at, verb: 'logon', args: { user, machine, session: label } };
  };
  for (;;) {
    clock += 200 + Math.floor(rnd() * 1800);
    const at = new Date(clock).toISOString();
    const r = rnd();
    if (r < 0.08) {
      const user = pick(d.users);
      const group = pick(d.groups).name;
      const has = groupsOf.get(user)?.has(group) ?? false;
      if (has) groupsOf.get(user)?.delete(group);
      else groupsOf.set(user, (groupsOf.get(user) ?? new Set()).add(group));
      yield { at, verb: has ? 'removeMember' : 'addMember', args: { group, member: user } };
    } else if (r < 0.2 || live.length < 20) {
      const user = pick(d.users);
      if (!busy.has(user)) yield logon(at, user, pick(d.workstations));
    } else if (r < 0.26) {
      const s = live.splice(Math.floor(rnd() * live.length), 1)[0];
      busy.delete(s.user);
      yield { at, verb: 'logoff', args: { session: s.label } };
    } else if (r < 0.29) {
      // A relogon: the same user on the same machine, after logging off.
      const s = live.splice(Math.floor(rnd() * live.length), 1)[0];
      busy.delete(s.user);
      yield { at, verb: 'logoff', args: { session: s.label } };
      yield logon(at, s.user, s.machine);
    } else if (r < 0.33) {
      yield { at, verb: 'purge', args: { session: pick(live).label } };
    } else if (r < 0.9995) {
      const s = pick(live);
      const a = pick(ACCESS);
      const delegate = a.service === 'http' && a.auth === 'kerberos' && rnd() < 0.2;
      yield {
        at,
        verb: 'access',
        args: {
          session: s.label,
          server: pick(d.servers),
          ...a,
          ...(delegate ? { delegateTo: d.servers[0] } : {}),
        },
      };
    } else {
      // A server restart flushes its caches and drops the SMB sessions and connections to it.
      yield { at, verb: 'restart', args: { machine: pick(d.servers.slice(1)) } };
    }
  }
}

/** The scenario-file form of a command (SCENARIOS.md steps), for `tokentrail run`. */
function stepOf(c: Timed): Record<string, unknown> {
  return { at: c.at, [c.verb]: c.args };
}

/** The whole enterprise as a scenario file (YAML), the set-up in its `domain` section. */
export function* enterpriseScenarioLines(o: EnterpriseOptions, steps: number): Generator<string> {
  const d = enterpriseDomain(o);
  yield `scenario: enterprise ${o.users} users, ${o.groups} groups, ${o.machines} machines`;
  yield `start: ${START}`;
  yield 'domain:';
  yield `  name: ${d.name}`;
  yield `  users: [${d.users.join(', ')}]`;
  yield '  groups:';
  for (const g of d.groups) yield `    - { name: ${g.name}, members: [${g.members.join(', ')}] }`;
  yield `  computers: [${d.computers.join(', ')}]`;
  yield 'steps:';
  let i = 0;
  for (const c of timelineCommands(o, d)) {
    if (i++ >= steps) return;
    yield `  - ${JSON.stringify(stepOf(c))}`;
  }
}
