import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAPPING } from '@tokentrail/siem';

describe('the README mapping table', () => {
  it('lists every mapped event ID with what it becomes, as the code maps it', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const [id, what] of Object.entries(MAPPING))
      expect(readme).toContain(`| ${id} | ${what} |`);
  });
});
