import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staleExampleText } from '../support/examples';
import { startHttp } from '../support/test-http';

describe('a long request does not stop the server answering others', () => {
  let app: INestApplication;
  let url = '';

  beforeAll(async () => {
    ({ app, url } = await startHttp());
    const run = await fetch(`${url}/simulations?id=c`, {
      method: 'POST',
      headers: { 'content-type': 'text/yaml' },
      body: staleExampleText(),
    });
    expect(run.status).toBe(201);
  });
  afterAll(async () => app?.close());

  it('given an import whose body is held open by its client, then questions are answered meanwhile, and the import ends when released', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('{"not":"a windows event"}\n'));
        await held; // the test decides when the body ends, not a timer
        controller.close();
      },
    });
    const importing = fetch(`${url}/simulations/c/imports`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body,
      duplex: 'half',
    });
    const truth = await fetch(`${url}/simulations/c/truth/alice?at=2026-03-02T09:09:00Z`);
    expect(truth.status).toBe(200);
    expect(((await truth.json()) as { groups: string[] }).groups).toContain('Finance');
    expect((await fetch(`${url}/health`)).status).toBe(200);
    release();
    const res = await importing;
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ simulation: 'c', imported: 0, malformed: 1 });
  });

  it('given an impossible time zone for an import, then 422 naming it and nothing read', async () => {
    const res = await fetch(`${url}/simulations/c/imports?timezone=%2B99:99`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{}\n',
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ field: 'timezone' });
  });
});
