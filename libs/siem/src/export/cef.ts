import { PRODUCT, factsOf, recordLabel, type ExportItem } from './export-item';

/** CEF header fields escape backslash and pipe. */
export const cefHeader = (v: string) => v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
/** CEF extension values escape backslash, equals and line breaks. */
export const cefValue = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r?\n/g, '\\n').replace(/\r/g, '\\r');

function line(
  signature: string,
  name: string,
  severity: number,
  ext: Record<string, string | number | undefined>,
): string {
  const present = (k: string) => ext[k] !== undefined && ext[k] !== '';
  // A custom field's label (`cs1Label`) goes only with a value for it (`cs1`): alone it says
  // nothing.
  const extension = Object.keys(ext)
    .filter((k) => present(k) && (!k.endsWith('Label') || present(k.slice(0, -'Label'.length))))
    // …and a value whose label was left out would be a field nobody can name.
    .filter((k) => !(`${k}Label` in ext) || present(`${k}Label`))
    .map((k) => `${k}=${cefValue(String(ext[k]))}`)
    .join(' ');
  return `CEF:0|${cefHeader(PRODUCT.vendor)}|${cefHeader(PRODUCT.name)}|${cefHeader(PRODUCT.version)}|${cefHeader(signature)}|${cefHeader(name)}|${severity}|${extension}`;
}

/** One CEF line per event or finding (ArcSight CEF 0). */
export function toCef(item: ExportItem): string {
  if (item.kind === 'finding') {
    const f = item.finding;
    return line(f.type, f.summary, f.severity, {
      rt: Date.parse(f.at),
      suser: f.principal,
      dhost: f.machine,
      externalId: f.id,
      cs1Label: 'simulation',
      cs1: f.simulation,
      cs2Label: 'lingering',
      cs2: f.lingering.join(','),
      cs3Label: 'missing',
      cs3: f.missing.join(','),
      cs4Label: 'artifact',
      cs4: f.artifact ? `${f.artifact.kind} ${f.artifact.id}` : undefined,
      cs5Label: 'explainedBy',
      cs5: f.explainedBy ? `${f.explainedBy.rule}: ${f.explainedBy.because}` : undefined,
      cs6Label: 'records',
      cs6: f.records.map(recordLabel).join(' '),
      flexString1Label: 'lineage',
      flexString1: f.lineage.join(' '),
    });
  }
  const e = item.event;
  const x = factsOf(e);
  return line(
    x.windowsEventId !== undefined ? String(x.windowsEventId) : e.type,
    e.type,
    e.type === 'LogonDenied' ? 5 : 1,
    {
      rt: Date.parse(e.metadata.occurredAt),
      suser: x.user,
      suid: x.userSid,
      dhost: x.machine,
      externalId: e.metadata.eventId,
      cs1Label: 'simulation',
      cs1: item.simulation,
      cs2Label: 'group',
      cs2: x.group,
      cs3Label: 'groupSid',
      cs3: x.groupSid,
      cn1Label: 'position',
      cn1: item.seq,
    },
  );
}
