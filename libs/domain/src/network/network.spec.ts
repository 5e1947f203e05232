import { describe, expect, it } from 'vitest';
import { UnknownConnection } from '../errors';
import type { PolicyOverrides } from '../policy';
import { corp, dataOf, given, seen } from '../testing/given';

/** Alice (in Finance) logged on at WS1 at 09:00; servers FS1, WEB1, DB1. */
function world(policy: PolicyOverrides = {}) {
  const sim = given(
    corp({
      users: ['alice'],
      groups: { Finance: ['alice'] },
      computers: ['WS1', 'FS1', 'WEB1', 'DB1'],
      policy,
    }),
  );
  sim.and('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
  return sim;
}
const revoke = (sim: ReturnType<typeof world>, at: string) =>
  sim.and(at, 'removeMember', { group: 'Finance', member: 'alice' });
const on = (
  server: string,
  service: 'http' | 'ldap' | 'sql' | 'rpc',
  auth: 'kerberos' | 'ntlm' | 'schannel',
  connection?: string,
) => ({
  session: 's1',
  server,
  service,
  auth,
  ...(connection ? { connection } : {}),
});

describe('SMB session reuse (SEMANTICS.md §8)', () => {
  const smb = { session: 's1', server: 'FS1', service: 'smb', auth: 'kerberos' } as const;

  it('given an open SMB session, when purging and accessing again, then the server still sees the old membership', () => {
    const sim = world();
    const first = sim
      .when('09:05', 'access', smb)
      .then([
        'ServiceTicketIssued',
        { type: 'SmbSessionOpened', data: { server: 'FS1', auth: 'kerberos' } },
        'AccessMade',
      ]);
    expect(first[1].cause).toBe(first[0]);
    expect(first[2].cause).toBe(first[1]);
    revoke(sim, '09:10');
    sim.and('09:11', 'purge', { session: 's1' });
    const again = sim
      .when('09:12', 'access', smb)
      .then([{ type: 'AccessMade', data: { source: 'smb-session' } }]);
    expect(seen(again)).toContain('Finance');
  });

  it('given accesses that keep resetting the idle clock, then the session lives; idle for smbIdleTimeout, it closes', () => {
    const sim = world();
    sim.and('09:05', 'access', smb);
    revoke(sim, '09:06');
    sim.and('09:11', 'purge', { session: 's1' });
    expect(seen(sim.when('09:14', 'access', smb).decided())).toContain('Finance'); // 9 min idle
    expect(seen(sim.when('09:23', 'access', smb).decided())).toContain('Finance'); // 9 min idle again
    // 10 min idle: a new session with a new ticket
    expect(
      seen(
        sim
          .when('09:33', 'access', smb)
          .then(['TgtIssued', 'ServiceTicketIssued', 'SmbSessionOpened', 'AccessMade']),
      ),
    ).toEqual(['Domain Users']);
  });

  it('given UAC halves, then each half has its own SMB session', () => {
    const sim = given(
      corp({ users: ['admin'], groups: { 'Domain Admins': ['admin'] }, computers: ['WS1', 'FS1'] }),
    );
    sim.and('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' });
    sim.and('09:01', 'access', smb);
    sim
      .when('09:02', 'access', { ...smb, elevated: true })
      .then([
        'ServiceTicketIssued',
        { type: 'SmbSessionOpened', data: { half: 'elevated' } },
        'AccessMade',
      ]);
  });

  it('when logging off, then SMB sessions end with the session, which keeps only its label', () => {
    const sim = world();
    sim.and('09:05', 'access', smb);
    sim
      .when('09:06', 'logoff', { session: 's1' })
      .then([{ type: 'LoggedOff', data: { endedProcesses: [], closedConnections: [] } }]);
    expect(sim.world.sessions.has('s1')).toBe(false);
    expect(sim.world.endedSessions.has('s1')).toBe(true);
    sim.when('09:07', 'access', smb).thenThrows(/has ended/);
  });
});

describe('HTTP and other protocols (SEMANTICS.md §8)', () => {
  it('HTTP with Kerberos authenticates every request: purge plus a new ticket changes what an open connection sees', () => {
    const sim = world();
    sim.and('09:01', 'access', on('WEB1', 'http', 'kerberos', 'c1'));
    revoke(sim, '09:02');
    sim.and('09:03', 'purge', { session: 's1' });
    const d = sim
      .when('09:04', 'access', on('WEB1', 'http', 'kerberos', 'c1'))
      .then([
        'TgtIssued',
        'ServiceTicketIssued',
        { type: 'AccessMade', data: { source: 'service-ticket' } },
      ]);
    expect(seen(d)).toEqual(['Domain Users']);
  });

  it('HTTP with NTLM authenticates a connection once; a new connection asks the DC again', () => {
    const sim = world();
    sim.and('09:01', 'access', on('WEB1', 'http', 'ntlm', 'c1'));
    revoke(sim, '09:02');
    expect(
      seen(
        sim
          .when('09:03', 'access', on('WEB1', 'http', 'ntlm', 'c1'))
          .then([{ type: 'AccessMade', data: { source: 'connection' } }]),
      ),
    ).toContain('Finance');
    expect(
      seen(
        sim
          .when('09:04', 'access', on('WEB1', 'http', 'ntlm', 'c2'))
          .then(['ConnectionOpened', 'AccessMade']),
      ),
    ).toEqual(['Domain Users']);
    expect(
      seen(sim.when('09:05', 'access', on('WEB1', 'http', 'ntlm')).then(['AccessMade'])),
    ).toEqual(['Domain Users']);
  });

  it('Schannel is directory truth per new connection', () => {
    const sim = world();
    revoke(sim, '09:01');
    expect(
      seen(
        sim
          .when('09:02', 'access', on('WEB1', 'http', 'schannel'))
          .then([{ type: 'AccessMade', data: { source: 'directory' } }]),
      ),
    ).toEqual(['Domain Users']);
  });

  it('other protocols keep the membership of the connection start until it closes, which needs the process to end', () => {
    const sim = world();
    sim.and('09:01', 'startProcess', { session: 's1', process: 'sqlcmd' });
    const q1 = {
      process: 'sqlcmd',
      server: 'DB1',
      service: 'sql',
      auth: 'kerberos',
      connection: 'q1',
    } as const;
    sim.and('09:02', 'access', q1);
    revoke(sim, '09:03');
    sim.and('09:04', 'purge', { session: 's1' });
    expect(seen(sim.when('09:05', 'access', q1).then(['AccessMade']))).toContain('Finance');
    sim
      .when('09:06', 'endProcess', { process: 'sqlcmd' })
      .then([{ type: 'ProcessEnded', data: { closedConnections: ['q1'] } }]);
    sim.when('09:07', 'closeConnection', { connection: 'q1' }).thenThrows(UnknownConnection);
  });

  it('restarting the service closes its connections', () => {
    const sim = world();
    sim.and('09:01', 'access', on('DB1', 'ldap', 'ntlm', 'l1'));
    revoke(sim, '09:02');
    sim
      .when('09:03', 'restartService', { machine: 'DB1', service: 'ldap' })
      .then([{ type: 'ServiceRestarted', data: { epoch: 1, closedConnections: ['l1'] } }]);
    expect(
      seen(
        sim
          .when('09:04', 'access', on('DB1', 'ldap', 'ntlm', 'l1'))
          .then(['ConnectionOpened', 'AccessMade']),
      ),
    ).toEqual(['Domain Users']);
  });

  it('closing a connection by its label ends it; a label open to another service is refused, naming the connection', () => {
    const sim = world();
    sim.and('09:01', 'access', on('DB1', 'ldap', 'ntlm', 'l1'));
    sim
      .when('09:02', 'access', on('WEB1', 'http', 'ntlm', 'l1'))
      .thenThrows(expect.objectContaining({ field: 'connection' }));
    sim
      .when('09:02', 'closeConnection', { connection: 'l1' })
      .then([{ type: 'ConnectionClosed', data: { session: 's1', connection: 'l1' } }]);
  });
});

describe('local access (SEMANTICS.md §7) and processes (§2, §10)', () => {
  it('a local resource or a service on the same machine is checked against the process token, which never changes', () => {
    const sim = world();
    sim.and('09:01', 'startProcess', { session: 's1', process: 'excel' });
    revoke(sim, '09:02');
    const file = sim
      .when('09:03', 'access', { process: 'excel', service: 'file' })
      .then([{ type: 'AccessMade', data: { source: 'process-token', server: 'WS1', auth: null } }]);
    expect(seen(file)).toContain('Finance');
    expect(seen(sim.when('09:04', 'access', on('WS1', 'sql', 'kerberos')).decided())).toContain(
      'Finance',
    );
  });

  it('a COM server outlives logoff with its old token and its connections; ending it closes them', () => {
    const sim = world();
    sim.and('09:01', 'startProcess', { session: 's1', process: 'com1', com: true });
    sim.and('09:01', 'startProcess', { session: 's1', process: 'notepad' });
    const r1 = {
      process: 'com1',
      server: 'DB1',
      service: 'rpc',
      auth: 'ntlm',
      connection: 'r1',
    } as const;
    sim.and('09:02', 'access', r1);
    revoke(sim, '09:03');
    sim
      .when('09:04', 'logoff', { session: 's1' })
      .then([{ type: 'LoggedOff', data: { endedProcesses: ['notepad'], closedConnections: [] } }]);
    expect(seen(sim.when('09:05', 'access', r1).decided())).toContain('Finance');
    sim
      .when('09:06', 'access', { process: 'notepad', service: 'file' })
      .thenThrows(expect.objectContaining({ code: 'UnknownProcess' }));
    sim
      .when('09:07', 'endProcess', { process: 'com1' })
      .then([{ type: 'ProcessEnded', data: { closedConnections: ['r1'] } }]);
    expect(sim.world.sessions.has('s1')).toBe(false);
  });

  it('a process label is unique', () => {
    const sim = world();
    sim.and('09:01', 'startProcess', { session: 's1', process: 'p' });
    const started = sim.when('09:02', 'startProcess', { session: 's1', process: 'p' });
    started.thenThrows(expect.objectContaining({ code: 'NameTaken', field: 'process' }));
    expect(
      dataOf(
        sim.when('09:02', 'startProcess', { session: 's1', process: 'q' }).decided(),
        'ProcessStarted',
      ).half,
    ).toBe('limited');
  });
});
