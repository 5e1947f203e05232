import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { START, random } from './enterprise';

/** The domain of the generated log: its SID, and each account's SID by number. */
const DOMAIN = 'S-1-5-21-1004336348-1177238915-682003330';
const sid = (rid: number) => `${DOMAIN}-${rid}`;
const USER_RID = 10_000;
const GROUP_RID = 2_000;

/**
 * A Winlogbeat 8 document as a domain controller or member server ships it: `winlog.*` with the
 * event's own fields, `@timestamp` its time.
 */
function doc(
  recordId: number,
  eventId: number,
  computer: string,
  at: number,
  data: Record<string, string>,
): string {
  return JSON.stringify({
    '@timestamp': new Date(at).toISOString(),
    event: { code: String(eventId), provider: 'Microsoft-Windows-Security-Auditing' },
    host: { name: computer },
    winlog: {
      channel: 'Security',
      computer_name: `${computer}.corp.example`,
      event_id: eventId,
      record_id: recordId,
      provider_name: 'Microsoft-Windows-Security-Auditing',
      event_data: data,
    },
  });
}

/**
 * Writes `records` Winlogbeat NDJSON lines of an enterprise of `users` accounts and `groups`
 * groups: accounts created (4720, 4727), then a stream of membership changes (4728/4729), logons
 * with their groups (4624, 4627), Kerberos tickets (4768, 4769) and logoffs (4634). Every record
 * maps to an observation; the same options always give the same file.
 */
export async function writeWinlogbeatLog(
  file: string,
  o: { users: number; groups: number; machines: number; records: number },
): Promise<void> {
  const out = createWriteStream(file);
  const rnd = random(11);
  let at = Date.parse(START);
  let record = 0;
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const account = (i: number) => ({
    TargetUserName: `u${i}`,
    TargetDomainName: 'CORP',
    TargetSid: sid(USER_RID + i),
  });
  /** Logon events name the account's SID `TargetUserSid`. */
  const user = (i: number) => ({
    TargetUserName: `u${i}`,
    TargetDomainName: 'CORP',
    TargetUserSid: sid(USER_RID + i),
  });
  for (let g = 0; g < o.groups && record < o.records; g++)
    await write(
      doc(++record, 4727, 'DC1', at, {
        TargetUserName: `g${g}`,
        TargetDomainName: 'CORP',
        TargetSid: sid(GROUP_RID + g),
      }),
    );
  for (let u = 0; u < o.users && record < o.records; u++)
    await write(doc(++record, 4720, 'DC1', at, account(u)));
  const groupsOf = new Map<number, Set<number>>();
  let logonId = 0x10000;
  while (record < o.records) {
    at += 100 + Math.floor(rnd() * 900);
    const u = Math.floor(rnd() * o.users);
    const r = rnd();
    if (r < 0.25) {
      const g = Math.floor(rnd() * o.groups);
      const has = groupsOf.get(u)?.has(g) ?? false;
      if (has) groupsOf.get(u)?.delete(g);
      else groupsOf.set(u, (groupsOf.get(u) ?? new Set()).add(g));
      await write(
        doc(++record, has ? 4729 : 4728, 'DC1', at, {
          MemberName: `CN=u${u},OU=Users,DC=corp,DC=example`,
          MemberSid: sid(USER_RID + u),
          TargetUserName: `g${g}`,
          TargetDomainName: 'CORP',
          TargetSid: sid(GROUP_RID + g),
        }),
      );
    } else if (r < 0.45) {
      await write(
        doc(++record, 4768, 'DC1', at, {
          ...account(u),
          ServiceName: 'krbtgt',
          ServiceSid: sid(502),
          Status: '0x0',
          IpAddress: '::ffff:10.0.0.5',
        }),
      );
    } else if (r < 0.65) {
      await write(
        doc(++record, 4769, 'DC1', at, {
          TargetUserName: `u${u}@CORP.EXAMPLE`,
          TargetDomainName: 'CORP.EXAMPLE',
          ServiceName: `SRV${u % 10}$`,
          ServiceSid: sid(5_000 + (u % 10)),
          Status: '0x0',
          IpAddress: '::ffff:10.0.0.5',
        }),
      );
    } else {
      const machine = `WS${u % o.machines}`;
      const id = `0x${(logonId++).toString(16)}`;
      const groups = [...(groupsOf.get(u) ?? [])].map((g) => `%{${sid(GROUP_RID + g)}}`);
      await write(
        doc(++record, 4624, machine, at, {
          ...user(u),
          TargetLogonId: id,
          LogonType: '2',
          AuthenticationPackageName: 'Kerberos',
          ElevatedToken: '%%1843',
        }),
      );
      if (record < o.records)
        await write(
          doc(++record, 4627, machine, at, {
            ...user(u),
            TargetLogonId: id,
            GroupMembership: [`%{${sid(513)}}`, ...groups].join('\n\t\t'),
          }),
        );
      if (record < o.records)
        await write(
          doc(++record, 4634, machine, at + 60_000, {
            ...user(u),
            TargetLogonId: id,
            LogonType: '2',
          }),
        );
    }
  }
  out.end();
  await once(out, 'finish');
}
