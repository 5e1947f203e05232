/**
 * A deterministic synthetic enterprise for benchmarks (never a test): users, groups nested up to
 * `depth` levels with a few cycles, workstations and servers, and a timeline of steps shaped as
 * scenario steps (SCENARIOS.md): membership churn, logons and relogons, purges, accesses over
 * SMB, HTTP and LDAP with every auth method, Basic caches, delegation, restarts.
 */
export interface EnterpriseOptions {
  users: number;
  groups: number;
  machines: number;
  /** Timeline steps after the set-up. */
  steps: number;
  depth?: number;
  seed?: number;
}

export interface EnterpriseDomain {
  name: string;
  users: string[];
  groups: { name: string; members: string[] }[];
  computers: string[];
}

export type Step = { at: string } & Record<string, unknown>;

/** mulberry32: a small seeded generator, so the same options always give the same enterprise. */
function random(seed: number): () => number {
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
  // Level of group i: nested groups point upwards, one level at a time, up to `depth`.
  const level = (i: number) => i % depth;
  for (let i = 0; i < o.groups; i++) {
    if (level(i) === 0) continue;
    const parent = groupNames[i - 1];
    members.get(parent)?.push(groupNames[i]);
  }
  // A few cycles: one every thousand groups, from a deep group back to a top one.
  for (let i = depth - 1; i < o.groups; i += 1000)
    members.get(groupNames[i])?.push(groupNames[i - depth + 1]);
  for (const u of users) {
    const n = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) members.get(groupNames[Math.floor(rnd() * o.groups)])?.push(u);
  }
  const servers = Math.max(3, Math.floor(o.machines / 10));
  const computers = Array.from({ length: o.machines }, (_, i) =>
    i < servers ? `SRV${i}` : `WS${i - servers}`,
  );
  return {
    name: 'corp.example',
    users,
    groups: groupNames.map((name) => ({ name, members: [...new Set(members.get(name))] })),
    computers,
  };
}

/** The timeline: one step at a time, without holding it whole. */
export function* enterpriseSteps(o: EnterpriseOptions, d: EnterpriseDomain): Generator<Step> {
  const rnd = random((o.seed ?? 1) + 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const servers = d.computers.filter((c) => c.startsWith('SRV'));
  const workstations = d.computers.filter((c) => c.startsWith('WS'));
  const groupsOf = new Map<string, Set<string>>();
  for (const g of d.groups)
    for (const m of g.members) groupsOf.set(m, (groupsOf.get(m) ?? new Set()).add(g.name));
  const live: { label: string; user: string; machine: string }[] = [];
  const busy = new Set<string>();
  let clock = Date.parse('2026-03-02T08:00:00Z');
  let n = 0;
  const access = [
    { service: 'smb', auth: 'kerberos' },
    { service: 'smb', auth: 'ntlm' },
    { service: 'http', auth: 'kerberos' },
    { service: 'http', auth: 'ntlm' },
    { service: 'http', auth: 'basic' },
    { service: 'ldap', auth: 'basic' },
    { service: 'ldap', auth: 'kerberos' },
    { service: 'sql', auth: 'schannel' },
  ] as const;
  for (let i = 0; i < o.steps; i++) {
    clock += 1000 + Math.floor(rnd() * 9000);
    const at = new Date(clock).toISOString();
    const r = rnd();
    if (r < 0.1) {
      const user = pick(d.users);
      const group = pick(d.groups).name;
      const has = groupsOf.get(user)?.has(group) ?? false;
      if (has) groupsOf.get(user)?.delete(group);
      else groupsOf.set(user, (groupsOf.get(user) ?? new Set()).add(group));
      yield { at, [has ? 'removeMember' : 'addMember']: { group, member: user } };
    } else if (r < 0.25 || live.length < 10) {
      const user = pick(d.users);
      if (busy.has(user)) continue;
      const label = `s${n++}`;
      const machine = pick(workstations);
      busy.add(user);
      live.push({ label, user, machine });
      yield { at, logon: { user, machine, session: label } };
    } else if (r < 0.35) {
      const s = live.splice(Math.floor(rnd() * live.length), 1)[0];
      busy.delete(s.user);
      yield { at, logoff: { session: s.label } };
    } else if (r < 0.4) {
      yield { at, purge: { session: pick(live).label } };
    } else if (r < 0.995) {
      const s = pick(live);
      const a = pick(access);
      const delegate = a.service === 'http' && a.auth === 'kerberos' && rnd() < 0.2;
      yield {
        at,
        access: {
          session: s.label,
          server: pick(servers),
          ...a,
          ...(delegate ? { delegateTo: servers[0] } : {}),
        },
      };
    } else {
      // A server restart ends nothing of the workstations' sessions; it flushes server caches.
      yield { at, restart: { machine: pick(servers.slice(1)) } };
    }
  }
}

/** The whole enterprise as a scenario file (YAML), written line by line. */
export function* enterpriseScenarioLines(o: EnterpriseOptions): Generator<string> {
  const d = enterpriseDomain(o);
  yield `scenario: enterprise ${o.users} users, ${o.groups} groups, ${o.machines} machines`;
  yield 'start: 2026-03-02T08:00:00Z';
  yield 'domain:';
  yield `  name: ${d.name}`;
  yield `  users: [${d.users.join(', ')}]`;
  yield '  groups:';
  for (const g of d.groups) yield `    - { name: ${g.name}, members: [${g.members.join(', ')}] }`;
  yield `  computers: [${d.computers.join(', ')}]`;
  yield 'steps:';
  for (const s of enterpriseSteps(o, d)) yield `  - ${JSON.stringify(s)}`;
}
