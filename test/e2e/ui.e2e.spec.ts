import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../apps/api/src/api-keys';
import { startApi } from '../support/api-process';
import { SMB_EXAMPLE } from '../support/examples';
import { until } from '../support/local-process';

/** Debian's Chromium: browser downloads do not work here (`.ci/run` installs the package). */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-output');
/** The public SMB example; without `shared/` beside the checkout, ours with the same window. */
const SMB_DEMO = existsSync(SMB_EXAMPLE)
  ? 'demo-purge-is-not-enough-for-smb'
  : 'demo-11-stale-explain-remediate';

/** The analyst's key: the page asks for it, keeps it in the tab and sends it. */
const READER = 'tt_reader_key_for_the_page_test_0000000000';

const absent = existsSync(CHROMIUM)
  ? null
  : `skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does)`;
if (absent) console.warn(`the analyst's page end-to-end test ${absent}`);

describe.skipIf(absent !== null)(
  `the analyst's page in Chromium (Playwright)${absent ? ` — ${absent}` : ''}`,
  () => {
    let api: { child: ChildProcess; url: string; output: () => string };
    let browser: Browser;

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tt-ui-'));
      api = await startApi({
        TOKENTRAIL_DB: join(dir, 'tokentrail.db'),
        TOKENTRAIL_DEMO: 'on',
        TOKENTRAIL_API_KEYS: JSON.stringify({
          keys: [{ id: 'ana', role: 'reader', sha256: hashApiKey(READER) }],
        }),
      });
      // The demo is loaded once the API prints its one line.
      await until(
        async () => api.output(),
        (out) => out.includes('demo simulations loaded'),
      );
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      api?.child.kill('SIGTERM');
    });

    it('given the demo and an API key, when the key is pasted, the SMB example picked and the cursor moved into its stale window with the keyboard, then the lingering group shows; a click on the SMB session bar shows the TGT issued at logon in its lineage', async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      // The one refusal expected: the first question, asked before the key was given.
      page.on(
        'response',
        (r) =>
          r.status() >= 400 &&
          !(r.status() === 401 && r.url().endsWith('/simulations')) &&
          problems.push(`${r.status()} ${r.url()}`),
      );

      await page.goto(`${api.url}/`);
      // Keys are configured: the page loads, its data needs the key the analyst pastes.
      await page.getByText('API key needed').waitFor();
      await page.getByRole('alert').waitFor();
      await page.getByLabel('key').fill(READER);
      await page.getByRole('button', { name: 'use' }).click();
      const simulations = page.getByTestId('simulation-picker');
      await expect.poll(() => simulations.locator(`option[value="${SMB_DEMO}"]`).count()).toBe(1);
      await simulations.selectOption(SMB_DEMO);
      await expect.poll(() => page.getByTestId('principal-picker').inputValue()).toBe('alice');
      const smbLane = page.locator('[data-testid=artifact-lane][data-kind=smb-session]');
      await smbLane.waitFor();

      // The cursor opens where the principal's activity starts, before anything is stale.
      const cursor = page.getByRole('slider', { name: 'Time cursor' });
      const cursorAt = async () =>
        Date.parse(((await cursor.getAttribute('aria-valuetext')) ?? '').replace(' UTC', 'Z'));
      expect(await cursorAt()).toBeLessThan(Date.parse('2026-03-02T09:10:00Z'));
      const lingering = page.locator(
        '[data-testid=state-item][data-kind=smb-session] [data-testid=lingering]',
      );
      expect(await lingering.count()).toBe(0);

      // Shift+→ jumps to the next change; → steps on. At most a few changes lead there.
      await cursor.focus();
      for (let jumps = 0; jumps < 10 && (await lingering.count()) === 0; jumps += 1)
        await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('ArrowRight');
      const at = await cursorAt();
      expect(at).toBeGreaterThan(Date.parse('2026-03-02T09:10:00Z'));
      expect(at).toBeLessThan(Date.parse('2026-03-02T09:13:00Z'));
      expect(await lingering.textContent()).toBe('lingering: Finance');
      // The bar says it in words too, not only in colour.
      expect(await smbLane.locator('[data-testid=stale-segment] text').textContent()).toMatch(
        /^lingering/,
      );

      await smbLane.click();
      const tgt = page.locator('[data-testid=lineage] li[data-type=TgtIssued]');
      await tgt.waitFor();
      expect(await tgt.textContent()).toContain('09:00:00');
      expect(await page.locator('[data-testid=lineage] li').last().getAttribute('data-type')).toBe(
        'SmbSessionOpened',
      );
      await page.getByTestId('remediation').waitFor();
      expect(await page.getByTestId('remediation').textContent()).toMatch(/Wait until/);

      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'ui-smb-stale-window.png'), fullPage: true });
      expect(problems).toEqual([]);
    }, 120_000);
  },
);
