import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  readInputs,
  type FileReport,
  type Malformed,
  type ReadInputsOptions,
  type WinEvent,
} from '@tokentrail/siem';
import { DATASETS } from '../../support/checkout';

/** ../shared/datasets beside the repository (absent on a machine without it: those tests skip). */
export const DATA = DATASETS;
export const OTRF = join(DATA, 'otrf-security-datasets');
export const EVTX = join(DATA, 'evtx-attack-samples');
export const GOLDEN = join(DATA, 'elastic-beats-winlogbeat-golden');
export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'logs');

export const hasData = existsSync(DATA);
if (!hasData) console.warn(`skipping the tests on real data: ${DATA} is absent`);

export interface Read {
  events: WinEvent[];
  malformed: Malformed[];
  files: FileReport[];
  /** The report of the file, entry or container of that name (its end is enough). */
  file(nameEnd: string): FileReport;
}

/** Everything readInputs gives for the paths, sorted by kind of item. */
export async function readAll(paths: string[], options?: ReadInputsOptions): Promise<Read> {
  const events: WinEvent[] = [];
  const malformed: Malformed[] = [];
  const files: FileReport[] = [];
  for await (const item of readInputs(paths, options)) {
    if ('event' in item) events.push(item.event);
    else if ('malformed' in item) malformed.push(item.malformed);
    else files.push(item.file);
  }
  const file = (nameEnd: string) => {
    const found = files.filter((f) => f.name.endsWith(nameEnd));
    if (found.length !== 1) throw new Error(`${found.length} reports end with ${nameEnd}`);
    return found[0];
  };
  return { events, malformed, files, file };
}
