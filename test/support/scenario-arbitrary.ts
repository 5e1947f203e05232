import fc from 'fast-check';

export const USERS = ['u0', 'u1', 'u2'];
export const GROUPS = ['g0', 'g1', 'g2'];
const START = Date.parse('2026-03-02T08:00:00Z');

/** The moment of step `i` (one minute apart, from 08:01). */
export const stepTime = (i: number) => new Date(START + (i + 1) * 60_000).toISOString();

export type Step = Record<string, unknown> & { at: string };

/** Raw choices; `validSteps` turns them into steps the rules accept, in order. */
const op = fc.record({
  kind: fc.constantFrom('add', 'remove', 'logon', 'logoff'),
  a: fc.nat(8),
  b: fc.nat(8),
});

/**
 * Steps that are always valid: a membership is added only when absent and removed only when
 * present, a logon opens a new session, a logoff ends a live one. So every generated scenario
 * runs, and properties are about what it stores and answers, not about refusals.
 */
export function validSteps(ops: { kind: string; a: number; b: number }[], from = 0): Step[] {
  const members = new Set<string>();
  const live: string[] = [];
  const steps: Step[] = [];
  let sessions = 0;
  for (const o of ops) {
    const at = stepTime(from + steps.length);
    const group = GROUPS[o.a % GROUPS.length];
    const candidates = [...USERS, ...GROUPS.filter((g) => g !== group)];
    const member = candidates[o.b % candidates.length];
    const key = `${group}>${member}`;
    if (o.kind === 'add' && !members.has(key)) {
      members.add(key);
      steps.push({ at, addMember: { group, member } });
    } else if (o.kind === 'remove' && members.size > 0) {
      const [g, m] = [...members][o.b % members.size].split('>');
      members.delete(`${g}>${m}`);
      steps.push({ at, removeMember: { group: g, member: m } });
    } else if (o.kind === 'logon') {
      const session = `s${sessions++}`;
      live.push(session);
      steps.push({ at, logon: { user: USERS[o.a % USERS.length], machine: 'WS1', session } });
    } else if (o.kind === 'logoff' && live.length > 0) {
      const [session] = live.splice(o.b % live.length, 1);
      steps.push({ at, logoff: { session } });
    }
  }
  return steps;
}

export const opsArbitrary = (max: number) => fc.array(op, { minLength: 1, maxLength: max });

/** A scenario file (as parsed JSON) of those steps over a small domain. */
export function scenarioOf(steps: Step[]) {
  return {
    scenario: 'property',
    start: '2026-03-02T08:00:00Z',
    domain: {
      name: 'corp.example',
      users: USERS,
      groups: GROUPS.map((name) => ({ name, members: [] })),
      computers: ['WS1'],
    },
    steps,
  };
}

/** Sessions opened by the steps (in order), whatever became of them. */
export const sessionsOf = (steps: Step[]) =>
  steps.flatMap((s) => (s.logon ? [(s.logon as { session: string }).session] : []));
