import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from './checkout';

/** The path of an example scenario of this repository. */
export const examplePath = (file: string) =>
  join(__dirname, '..', '..', 'examples', 'scenarios', file);

/** The scenario most tests run: staleness, lineage and remediation (17 events). */
export const STALE_EXAMPLE = examplePath('11-stale-explain-remediate.yaml');
export const staleExampleText = () => readFileSync(STALE_EXAMPLE, 'utf8');

/** A Winlogbeat 8 log of one 4728 (a member added), as an import body. */
export const winlogbeatImportText = () =>
  readFileSync(join(__dirname, '..', 'fixtures', 'logs', 'winlogbeat8-4728.ndjson'), 'utf8');

/** The public scenarios, when `shared/` is beside the checkout. */
export const SHARED_SCENARIOS = join(SHARED, 'scenarios');

/** The public example of an SMB session outliving `klist purge` (absent without `shared/`). */
export const SMB_EXAMPLE = join(SHARED_SCENARIOS, 'purge-is-not-enough-for-smb.yaml');
