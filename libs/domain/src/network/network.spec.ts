import { describe, expect, it } from 'vitest';
import { InvalidArgument, UnknownConnection } from '../errors';
import { InMemorySimulation, eventOf, seen, types } from '../testing/in-memory-simulation';

/** Alice (in Finance) logged on at WS1 at 09:00; servers FS1, WEB1, DB1. */
function world(policy = {}) {
  const sim = new InMemorySimulation({
    users: ['alice'],
    groups: { Finance: ['alice'] },
    computers: ['WS1', 'FS1', 'WEB1', 'DB1'],
    policy,
  });
  sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
  return sim;
}
const revoke = (sim: InMemorySimulation, at: string) =>
  sim.at(at, 'removeMember', { group: 'Finance', member: 'alice' });

describe('SMB session reuse (SEMANTICS.md §8)', () => {
  const smb = { session: 's1', server: 'FS1', service: 'smb', auth: 'kerberos' } as const;

  it('given an open SMB session, when purging and accessing again, then the server still sees the old membership', () => {
    const sim = world();
    expect(types(sim.at('09:05', 'access', smb))).toEqual([
      'ServiceTicketIssued',
      'SmbSessionOpened',
      'AccessMade',
    ]);
    revoke(sim, '09:10');
    sim.at('09:11', 'purge', { session: 's1' });
    const again = sim.at('09:12', 'access', smb);
    expect(types(again)).toEqual(['AccessMade']);
    expect(eventOf(again, 'AccessMade').source).toBe('smb-session');
    expect(seen(again)).toContain('Finance');
  });

  it('given accesses that keep resetting the idle clock, then the session lives; idle for smbIdleTimeout, it closes', () => {
    const sim = world();
    sim.at('09:05', 'access', smb);
    revoke(sim, '09:06');
    sim.at('09:11', 'purge', { session: 's1' });
    expect(seen(sim.at('09:14', 'access', smb))).toContain('Finance'); // 9 min idle
    expect(seen(sim.at('09:23', 'access', smb))).toContain('Finance'); // 9 min idle again
    const fresh = sim.at('09:33', 'access', smb); // 10 min idle: a new session with a new ticket
    expect(types(fresh)).toContain('SmbSessionOpened');
    expect(seen(fresh)).toEqual(['Domain Users']);
  });

  it('given UAC halves, then each half has its own SMB session', () => {
    const sim = new InMemorySimulation({
      users: ['admin'],
      groups: { 'Domain Admins': ['admin'] },
      computers: ['WS1', 'FS1'],
    });
    sim.at('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' });
    sim.at('09:01', 'access', { ...smb, session: 's1' });
    expect(types(sim.at('09:02', 'access', { ...smb, session: 's1', elevated: true }))).toContain(
      'SmbSessionOpened',
    );
  });

  it('when logging off, then SMB sessions end', () => {
    const sim = world();
    sim.at('09:05', 'access', smb);
    sim.at('09:06', 'logoff', { session: 's1' });
    // The ended session keeps nothing: its SMB sessions (and all its state) are gone.
    expect(sim.world.sessions.has('s1')).toBe(false);
    expect(sim.world.endedSessions.has('s1')).toBe(true);
    expect(() => sim.at('09:07', 'access', smb)).toThrow(/has ended/);
  });

  it('rejects SMB with Basic or Schannel, naming auth', () => {
    const sim = world();
    expect(() => sim.at('09:01', 'access', { ...smb, auth: 'basic' })).toThrow(InvalidArgument);
    expect(() => sim.at('09:01', 'access', { ...smb, auth: 'schannel' })).toThrow(
      expect.objectContaining({ field: 'auth' }),
    );
  });
});

describe('HTTP and other protocols (SEMANTICS.md §8)', () => {
  it('HTTP with Kerberos authenticates every request: purge plus a new ticket changes what an open connection sees', () => {
    const sim = world();
    sim.at('09:01', 'access', {
      session: 's1',
      server: 'WEB1',
      service: 'http',
      auth: 'kerberos',
      connection: 'c1',
    });
    revoke(sim, '09:02');
    sim.at('09:03', 'purge', { session: 's1' });
    const d = sim.at('09:04', 'access', {
      session: 's1',
      server: 'WEB1',
      service: 'http',
      auth: 'kerberos',
      connection: 'c1',
    });
    expect(seen(d)).toEqual(['Domain Users']);
    expect(eventOf(d, 'AccessMade').source).toBe('service-ticket');
  });

  it('HTTP with NTLM authenticates a connection once; a new connection asks the DC again', () => {
    const sim = world();
    sim.at('09:01', 'access', {
      session: 's1',
      server: 'WEB1',
      service: 'http',
      auth: 'ntlm',
      connection: 'c1',
    });
    revoke(sim, '09:02');
    const same = sim.at('09:03', 'access', {
      session: 's1',
      server: 'WEB1',
      service: 'http',
      auth: 'ntlm',
      connection: 'c1',
    });
    expect(seen(same)).toContain('Finance');
    expect(eventOf(same, 'AccessMade').source).toBe('connection');
    expect(
      seen(
        sim.at('09:04', 'access', {
          session: 's1',
          server: 'WEB1',
          service: 'http',
          auth: 'ntlm',
          connection: 'c2',
        }),
      ),
    ).toEqual(['Domain Users']);
    expect(
      seen(
        sim.at('09:05', 'access', { session: 's1', server: 'WEB1', service: 'http', auth: 'ntlm' }),
      ),
    ).toEqual(['Domain Users']);
  });

  it('Schannel is directory truth per new connection', () => {
    const sim = world();
    revoke(sim, '09:01');
    const d = sim.at('09:02', 'access', {
      session: 's1',
      server: 'WEB1',
      service: 'http',
      auth: 'schannel',
    });
    expect(eventOf(d, 'AccessMade').source).toBe('directory');
    expect(seen(d)).toEqual(['Domain Users']);
  });

  it('other protocols keep the membership of the connection start until it closes, which needs the process to end', () => {
    const sim = world();
    sim.at('09:01', 'startProcess', { session: 's1', process: 'sqlcmd' });
    sim.at('09:02', 'access', {
      process: 'sqlcmd',
      server: 'DB1',
      service: 'sql',
      auth: 'kerberos',
      connection: 'q1',
    });
    revoke(sim, '09:03');
    sim.at('09:04', 'purge', { session: 's1' });
    expect(
      seen(
        sim.at('09:05', 'access', {
          process: 'sqlcmd',
          server: 'DB1',
          service: 'sql',
          auth: 'kerberos',
          connection: 'q1',
        }),
      ),
    ).toContain('Finance');
    expect(
      eventOf(sim.at('09:06', 'endProcess', { process: 'sqlcmd' }), 'ProcessEnded')
        .closedConnections,
    ).toEqual(['q1']);
    expect(() => sim.at('09:07', 'closeConnection', { connection: 'q1' })).toThrow(
      UnknownConnection,
    );
  });

  it('restarting the service closes its connections', () => {
    const sim = world();
    sim.at('09:01', 'access', {
      session: 's1',
      server: 'DB1',
      service: 'ldap',
      auth: 'ntlm',
      connection: 'l1',
    });
    revoke(sim, '09:02');
    expect(
      eventOf(
        sim.at('09:03', 'restartService', { machine: 'DB1', service: 'ldap' }),
        'ServiceRestarted',
      ).closedConnections,
    ).toEqual(['l1']);
    const d = sim.at('09:04', 'access', {
      session: 's1',
      server: 'DB1',
      service: 'ldap',
      auth: 'ntlm',
      connection: 'l1',
    });
    expect(types(d)).toEqual(['ConnectionOpened', 'AccessMade']);
    expect(seen(d)).toEqual(['Domain Users']);
  });

  it('a connection label open to another service is refused, naming the connection', () => {
    const sim = world();
    sim.at('09:01', 'access', {
      session: 's1',
      server: 'DB1',
      service: 'ldap',
      auth: 'ntlm',
      connection: 'l1',
    });
    expect(() =>
      sim.at('09:02', 'access', {
        session: 's1',
        server: 'WEB1',
        service: 'http',
        auth: 'ntlm',
        connection: 'l1',
      }),
    ).toThrow(expect.objectContaining({ field: 'connection' }));
  });
});

describe('local access (SEMANTICS.md §7) and processes (§2, §10)', () => {
  it('a local resource or a service on the same machine is checked against the process token, which never changes', () => {
    const sim = world();
    sim.at('09:01', 'startProcess', { session: 's1', process: 'excel' });
    revoke(sim, '09:02');
    const file = sim.at('09:03', 'access', { process: 'excel', service: 'file', auth: 'kerberos' });
    expect(eventOf(file, 'AccessMade')).toMatchObject({ source: 'process-token', server: 'WS1' });
    expect(seen(file)).toContain('Finance');
    expect(
      seen(
        sim.at('09:04', 'access', {
          session: 's1',
          server: 'WS1',
          service: 'sql',
          auth: 'kerberos',
        }),
      ),
    ).toContain('Finance');
  });

  it('a COM server outlives logoff with its old token and its connections; ending it closes them', () => {
    const sim = world();
    sim.at('09:01', 'startProcess', { session: 's1', process: 'com1', com: true });
    sim.at('09:01', 'startProcess', { session: 's1', process: 'notepad' });
    sim.at('09:02', 'access', {
      process: 'com1',
      server: 'DB1',
      service: 'rpc',
      auth: 'ntlm',
      connection: 'r1',
    });
    revoke(sim, '09:03');
    expect(eventOf(sim.at('09:04', 'logoff', { session: 's1' }), 'LoggedOff')).toMatchObject({
      endedProcesses: ['notepad'],
      closedConnections: [],
    });
    expect(
      seen(
        sim.at('09:05', 'access', {
          process: 'com1',
          server: 'DB1',
          service: 'rpc',
          auth: 'ntlm',
          connection: 'r1',
        }),
      ),
    ).toContain('Finance');
    expect(() =>
      sim.at('09:06', 'access', { process: 'notepad', service: 'file', auth: 'kerberos' }),
    ).toThrow(expect.objectContaining({ code: 'UnknownProcess' }));
    expect(
      eventOf(sim.at('09:07', 'endProcess', { process: 'com1' }), 'ProcessEnded').closedConnections,
    ).toEqual(['r1']);
  });

  it('a process label is unique and an access names a process or a session', () => {
    const sim = world();
    sim.at('09:01', 'startProcess', { session: 's1', process: 'p' });
    expect(() => sim.at('09:02', 'startProcess', { session: 's1', process: 'p' })).toThrow(
      expect.objectContaining({ code: 'NameTaken', field: 'process' }),
    );
    expect(() => sim.at('09:02', 'access', { service: 'file', auth: 'kerberos' })).toThrow(
      expect.objectContaining({ field: 'session' }),
    );
  });
});
