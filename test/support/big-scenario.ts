/**
 * A scenario with many steps (membership churn, logons, accesses): a log long enough to catch a
 * projector mid-way.
 */
export function bigScenario(steps: number): string {
  const users = Array.from({ length: 20 }, (_, i) => `u${i}`);
  const groups = Array.from({ length: 8 }, (_, i) => `g${i}`);
  const lines = [
    'scenario: big',
    'start: 2026-03-02T08:00:00Z',
    'domain:',
    '  name: corp.example',
    `  users: [${users.join(', ')}]`,
    `  groups: [${groups.map((g) => `{ name: ${g}, members: [u0] }`).join(', ')}]`,
    '  computers: [WS1, FS1, WEB1]',
    'steps:',
  ];
  const member = new Set<string>();
  for (let i = 0; i < steps; i++) {
    const u = users[i % users.length];
    const g = groups[i % groups.length];
    const key = `${g}/${u}`;
    if (i % 10 === 3)
      lines.push(`  - { at: "+1m", logon: { user: ${u}, machine: WS1, session: s${i} } }`);
    else if (i % 10 === 4)
      lines.push(
        `  - { at: "+1m", access: { session: s${i - 1}, server: FS1, service: smb, auth: kerberos } }`,
      );
    else if (i % 10 === 5) lines.push(`  - { at: "+1m", logoff: { session: s${i - 2} } }`);
    else {
      lines.push(
        `  - { at: "+1m", ${member.has(key) ? 'removeMember' : 'addMember'}: { group: ${g}, member: ${u} } }`,
      );
      if (member.has(key)) member.delete(key);
      else member.add(key);
    }
  }
  return lines.join('\n') + '\n';
}
