import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Demo simulations are named after their file, with this prefix. */
export const DEMO_PREFIX = 'demo-';

/** The example this project's first start opens the page on: an SMB session outliving a purge. */
export const SMB_DEMO = `${DEMO_PREFIX}purge-is-not-enough-for-smb`;

export interface DemoFile {
  simulation: string;
  path: string;
}

const yamlIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];

/**
 * The example scenarios of the checkout, then the shared ones when `shared/` is beside it, each
 * with its demo simulation's id (its file name, without the extension).
 */
export function demoFiles(checkout: string): DemoFile[] {
  const paths = [
    ...yamlIn(join(checkout, 'examples', 'scenarios')),
    ...yamlIn(join(checkout, '..', 'shared', 'scenarios')),
  ];
  return paths.map((path) => ({
    simulation: `${DEMO_PREFIX}${basename(path).replace(/\.ya?ml$/, '')}`,
    path,
  }));
}
