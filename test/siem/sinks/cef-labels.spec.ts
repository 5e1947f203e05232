import parse from 'nsyslog-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCef, type ExportItem } from '@tokentrail/siem';
import { scenarioItems } from './scenario-items';

describe('CEF custom fields', () => {
  let items: ExportItem[];
  beforeAll(async () => (items = await scenarioItems()));

  it('given the §11 example exported as CEF, when each line is parsed, then every label has a value beside it', () => {
    const labels: string[] = [];
    for (const line of items.map(toCef)) {
      const fields: Record<string, string> = parse(line).fields;
      for (const label of Object.keys(fields).filter((k) => k.endsWith('Label'))) {
        labels.push(label);
        expect(fields[label.slice(0, -'Label'.length)], `${label} in ${line}`).toMatch(/\S/);
      }
    }
    // Not vacuous: every line labels its simulation (cs1) and the events their position (cn1).
    expect(labels.filter((l) => l === 'cs1Label')).toHaveLength(items.length);
    expect(labels.filter((l) => l === 'cn1Label')).toHaveLength(
      items.filter((i) => i.kind === 'event').length,
    );
  });

  it('given a stale artifact with lingering groups and none missing, then it labels cs2 and cs4 but not cs3', () => {
    const finding = items.find((i) => i.kind === 'finding' && i.finding.missing.length === 0)!;
    const fields: Record<string, string> = parse(toCef(finding)).fields;
    expect(fields).toMatchObject({ cs2Label: 'lingering', cs2: 'Finance', cs4Label: 'artifact' });
    expect(fields).not.toHaveProperty('cs3Label');
    expect(fields).not.toHaveProperty('cs3');
  });
});
