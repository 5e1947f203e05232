import { hostname } from 'node:os';
import { PRODUCT, factsOf, recordLabel, type ExportItem } from './export-item';

const FACILITY_AUTHPRIV = 10;
/** RFC 5424 severities. */
const SEVERITY = { alert: 1, warning: 4, notice: 5, info: 6 } as const;

/** SD-PARAM values escape `"`, `\` and `]` (RFC 5424 §6.3.3). */
export const sdValue = (v: string) => v.replace(/[\\"\]]/g, (c) => `\\${c}`);
const header = (v: string | undefined, max: number) =>
  v ? v.replace(/[^\x21-\x7e]/g, '_').slice(0, max) : '-';

export interface SyslogOptions {
  /** The organisation's IANA Private Enterprise Number, for the SD-ID `tokentrail@<pen>`. */
  pen?: number;
}

/**
 * With a PEN, the fields are structured data `[tokentrail@<pen> k="v" …]`. Without one there is
 * no SD-ID of ours to use: an unregistered name without `@` is reserved to IANA (RFC 5424 §6.3.2)
 * and an invented or documentation number (32473, RFC 5612) would claim someone else's namespace.
 * The message then carries STRUCTURED-DATA as the NILVALUE `-` and the same fields at the end of
 * MSG as `k="v"` pairs (JSON string quoting), which key-value extraction in SIEMs reads.
 */
function message(
  severity: number,
  time: string,
  msgid: string,
  params: Record<string, string | number | undefined>,
  msg: string,
  { pen }: SyslogOptions,
): string {
  const fields = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  const sd =
    pen === undefined
      ? '-'
      : `[${[`tokentrail@${pen}`, ...fields.map(([k, v]) => `${k}="${sdValue(String(v))}"`)].join(' ')}]`;
  const text =
    pen === undefined
      ? [msg, ...fields.map(([k, v]) => `${k}=${JSON.stringify(String(v))}`)].join(' ')
      : msg;
  return `<${FACILITY_AUTHPRIV * 8 + severity}>1 ${time} ${header(hostname(), 255)} ${PRODUCT.name} ${process.pid} ${header(msgid, 32)} ${sd} ${text}`;
}

/** One RFC 5424 message per event or finding (findings at `alert` severity). */
export function toSyslog(item: ExportItem, options: SyslogOptions = {}): string {
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
        explainedBy: f.explainedBy?.rule,
        records: f.records.map(recordLabel).join(' '),
        lineage: f.lineage.join(' '),
      },
      f.summary,
      options,
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
    options,
  );
}

/**
 * Octet-counting framing for syslog over TCP (RFC 6587 §3.4.1) and TLS (RFC 5425 §4.3): `LENGTH SP
 * MESSAGE`.
 */
export function frameOctetCounted(msg: string): string {
  return `${Buffer.byteLength(msg, 'utf8')} ${msg}`;
}
