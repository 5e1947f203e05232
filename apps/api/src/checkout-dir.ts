import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The checkout this program runs from: the nearest folder above with a package.json, found the
 * same way from the sources (tests) and from dist/ (`npm start`).
 */
export function checkoutDir(dir = __dirname): string {
  if (existsSync(join(dir, 'package.json'))) return dir;
  const up = dirname(dir);
  if (up === dir) throw new Error(`no package.json above ${__dirname}`);
  return checkoutDir(up);
}
