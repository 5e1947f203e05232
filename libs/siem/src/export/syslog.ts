import { hostname } from 'node:os';
import { PRODUCT, factsOf, type ExportItem } from './export-item';

const FACILITY_AUTHPRIV = 10;
/** RFC 5424 severities. */
const SEVERITY = { alert: 1, warning: 4, notice: 5, info: 6 } as const;

/** SD-PARAM values escape `"`, `\` and `]` (RFC 5424 §6.3.3). */
export const sdValue = (v: string) => v.replace(/[\\"\]]/g, (c) => `\\${c}`);
const header = (v: string | undefined, max: number) =>
  v ? v.replace(/[^\x21-\x7e]/g, '_').slice(0, max) : '-';

function message(
  severity: number,
  time: string,
  msgid: string,
  params: Record<string, string | number | undefined>,
  msg: string,
): string {
  const sd = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}="${sdValue(String(v))}"`)
    .join(' ');
  return `<${FACILITY_AUTHPRIV * 8 + severity}>1 ${time} ${header(hostname(), 255)} ${PRODUCT.name} ${process.pid} ${header(msgid, 32)} [tokentrail@32473 ${sd}] ${msg}`;
}

/** One RFC 5424 message per event or finding (findings at `alert` severity). */
export function toSyslog(item: ExportItem): string {
  if (item.kind === 'finding') {
    const f = item.finding;
    return message(
      SEVERITY.alert,
      f.at,
      f.type,
      {
        simulation: f.simulation,
        id: f.id,
        principal: f.principal,
        machine: f.machine,
        lingering: f.lingering.join(','),
        missing: f.missing.join(','),
      },
      f.summary,
    );
  }
  const e = item.event;
  const x = factsOf(e);
  return message(
    SEVERITY.info,
    e.metadata.occurredAt,
    e.type,
    {
      simulation: item.simulation,
      position: item.seq,
      id: e.metadata.eventId,
      user: x.user,
      group: x.group,
      machine: x.machine,
    },
    `${e.type} in simulation ${item.simulation}`,
  );
}

/** Octet-counting framing for syslog over TCP (RFC 6587 §3.4.1): `LENGTH SP MESSAGE`. */
export function frameOctetCounted(msg: string): string {
  return `${Buffer.byteLength(msg, 'utf8')} ${msg}`;
}
