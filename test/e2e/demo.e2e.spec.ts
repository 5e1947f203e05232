import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@tokentrail/event-store';
import { DemoLoader } from '../../apps/api/src/demo/demo-loader';
import { startApi } from '../support/api-process';
import { until } from '../support/local-process';
import { SHARED_SCENARIOS as SHARED, staleExampleText } from '../support/examples';
import { startHttp } from '../support/test-http';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'scenarios');
const yaml = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)) : [];
const DEMOS = yaml(EXAMPLES).length + yaml(SHARED).length;

/** The one line the demo prints, once the API has loaded (or found) it. */
const demoLine = (output: string) =>
  output.split('\n').filter((l) => l.startsWith('tokentrail: ') && l.includes(' open http'));

type Api = Awaited<ReturnType<typeof startApi>>;
const running: Api[] = [];
afterEach(() => running.splice(0).forEach((a) => a.child.kill('SIGKILL')));

async function start(db: string): Promise<{ api: Api; line: string }> {
  const api = await startApi({ TOKENTRAIL_DB: db, TOKENTRAIL_DEMO: 'on' });
  running.push(api);
  const [line] = await until(
    async () => demoLine(api.output()),
    (lines) => lines.length > 0,
  );
  return { api, line };
}

const simulations = async (url: string) =>
  ((await (await fetch(`${url}/simulations`)).json()) as { simulations: Array<{ id: string }> })
    .simulations;

describe('the first start worth seeing (TOKENTRAIL_DEMO=on)', () => {
  it('given a fresh store, when the API starts twice, then the first loads every example once and the second adds nothing; each prints one line with the page on a stale moment', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'tt-demo-')), 'tokentrail.db');

    const first = await start(db);
    expect(first.line).toMatch(new RegExp(`^tokentrail: ${DEMOS} demo simulations loaded; open `));
    const sims = await simulations(first.api.url);
    expect(sims).toHaveLength(DEMOS);
    expect(sims.every((s) => s.id.startsWith('demo-'))).toBe(true);
    const head = (await first.api.health()).lastPosition;
    const page = new URL(first.line.slice(first.line.indexOf('open ') + 5));
    expect(`${page.origin}${page.pathname}`).toBe(`${first.api.url}/ui/`);
    if (existsSync(SHARED)) {
      expect(Object.fromEntries(page.searchParams)).toEqual({
        simulation: 'demo-purge-is-not-enough-for-smb',
        principal: 'alice',
        // The middle of the SMB session's stale part (09:10, the removal, to 09:13, the log's end).
        at: '2026-03-02T09:11:30.000Z',
      });
    }
    expect(demoLine(first.api.output())).toHaveLength(1);
    first.api.child.kill('SIGTERM');
    await first.api.exited;

    const second = await start(db);
    expect(second.line).toBe(
      first.line
        .replace(/\d+ demo simulations loaded/, 'demo simulations already loaded')
        .replace(first.api.url, second.api.url),
    );
    expect((await second.api.health()).lastPosition).toBe(head);
    expect(await simulations(second.api.url)).toEqual(sims);
  }, 240_000);

  it('given a store that holds an investigation, then no demo is loaded', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tt-demo-')), 'tokentrail.db');
    const { app, url } = await startHttp(new SqliteEventStore(file));
    await fetch(`${url}/simulations?id=inv-7`, {
      method: 'POST',
      headers: { 'content-type': 'text/yaml' },
      body: staleExampleText(),
    });
    await app.close();
    const again = await startHttp(new SqliteEventStore(file), { TOKENTRAIL_DEMO: 'on' });
    const outcome = await again.app.get(DemoLoader).done;
    expect(outcome).toMatchObject({ loaded: [], skipped: 'investigations' });
    expect((await simulations(again.url)).map((s) => s.id)).toEqual(['inv-7']);
    await again.app.close();
  });
});
