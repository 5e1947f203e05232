import { closeSync, createWriteStream, fsyncSync, openSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { OTRF_BACKDOOR as SUBSET } from '../support/checkout';

/** NXLog's envelope: everything else of a record is its EventData. */
const ENVELOPE = new Set([
  'tags',
  'EventID',
  'RecordNumber',
  'ProviderGuid',
  'SourceName',
  'OpcodeValue',
  'EventTime',
  'host',
  'SeverityValue',
  'ExecutionProcessID',
  'Category',
  'SourceModuleName',
  'Message',
  'Hostname',
  'Channel',
  'Keywords',
  'Severity',
  'EventReceivedTime',
  'EventType',
  'Opcode',
  'Task',
  'Version',
  'ThreadID',
  'SourceModuleType',
  'port',
  '@timestamp',
  '@version',
  'ActivityID',
]);

/** How many copies of one logon id never meet: each copy's ids are this far apart. */
const ID_STRIDE = 0x1000000n;

/**
 * Writes `lines` Winlogbeat 8 NDJSON records made from the real records of the OTRF backdoor
 * subset, deterministically: copy c of the 99 records is shifted c minutes later, its computers
 * are one of 20 copies of each (`WORKSTATION6-7`), its record numbers count on per computer and
 * its logon ids are its own, so every line is a distinct record that maps to a command. Flushed to
 * disk before it returns, so that its write-back does not slow the reading that follows.
 */
export async function writeSyntheticWinlogbeat(file: string, lines: number): Promise<void> {
  const templates = readFileSync(SUBSET, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const base = Date.parse('2020-09-14T12:00:00Z');
  const first = Date.parse(`${String(templates[0].EventTime).replace(' ', 'T')}-04:00`);
  const recordIds = new Map<string, number>();
  const out = createWriteStream(file);
  for (let i = 0; i < lines; i++) {
    const copy = Math.floor(i / templates.length);
    const t = templates[i % templates.length];
    const computer = `${String(t.Hostname).split('.')[0]}-${copy % 20}`;
    const recordId = (recordIds.get(computer) ?? 0) + 1;
    recordIds.set(computer, recordId);
    const local = Date.parse(`${String(t.EventTime).replace(' ', 'T')}-04:00`);
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(t)) {
      if (ENVELOPE.has(k)) continue;
      data[k] =
        /LogonId$/.test(k) && typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v)
          ? `0x${(BigInt(v) + BigInt(copy) * ID_STRIDE).toString(16)}`
          : v;
    }
    const doc = {
      '@timestamp': new Date(base + copy * 60_000 + (local - first)).toISOString(),
      event: { code: String(t.EventID), provider: 'Microsoft-Windows-Security-Auditing' },
      host: { name: computer.toLowerCase() },
      winlog: {
        channel: t.Channel,
        computer_name: `${computer}.theshire.local`,
        event_id: String(t.EventID),
        record_id: recordId,
        provider_name: 'Microsoft-Windows-Security-Auditing',
        event_data: data,
      },
    };
    if (!out.write(`${JSON.stringify(doc)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const fd = openSync(file, 'r');
  fsyncSync(fd);
  closeSync(fd);
}
