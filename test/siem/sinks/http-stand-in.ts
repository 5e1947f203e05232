import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll } from 'vitest';
import type { ExportItem } from '@tokentrail/siem';
import { scenarioItems } from './scenario-items';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
/** What the stand-in does with the n-th request (from 0): answer it, or hold it unanswered. */
export type Reply = (request: Received, n: number) => Answer | 'hold';

/**
 * An HTTP server on a free loopback port that records every request and answers as the test says.
 */
export async function httpStandIn(reply: Reply) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    // Recorded as it arrives, so that a client that gives up before its body is read (a timeout
    // on a loaded machine) still counts as having asked.
    const request = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: '',
    };
    received.push(request);
    const index = received.length - 1;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (request.body += chunk));
    req.on('end', () => {
      const answer = reply(request, index);
      if (answer === 'hold') return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Drops held requests too. */
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A describe block's fixture: the example scenario's export items, and one stand-in receiver per
 * test (`open`), closed after it.
 */
export function sinkFixture() {
  let open: Awaited<ReturnType<typeof httpStandIn>> | undefined;
  const fx = {
    items: [] as ExportItem[],
    /** The receiver this test opened. */
    get standIn() {
      if (!open) throw new Error('no stand-in receiver is open: call open(reply) first');
      return open;
    },
    async open(reply: Reply) {
      open = await httpStandIn(reply);
      return open;
    },
  };
  beforeAll(async () => {
    fx.items = await scenarioItems();
  });
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });
  return fx;
}
