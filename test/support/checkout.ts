import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout: the nearest folder with a package.json (this file also runs from dist/). */
function nearestPackage(dir: string): string {
  return existsSync(join(dir, 'package.json')) ? dir : nearestPackage(dirname(dir));
}

export const CHECKOUT = nearestPackage(__dirname);

/** `../shared` beside the checkout (absent elsewhere: the tests that need it skip). */
export const SHARED = join(CHECKOUT, '..', 'shared');

/** The real Windows Security logs of `../shared/datasets`. */
export const DATASETS = join(SHARED, 'datasets');

/** The OTRF backdoor subset: 99 real Security records, every one of a mapped ID. */
export const OTRF_BACKDOOR = join(
  DATASETS,
  'otrf-security-datasets',
  'empire_wmic_add_user_backdoor.security-subset.jsonl',
);
