import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

/** Test-only key material (see test/fixtures/tls/README.md). */
export const TLS_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'tls');
const fixture = (name: string) => readFileSync(join(TLS_FIXTURES, name));

/** A UDP collector on a loopback port: one message per datagram (RFC 5426). */
export async function udpCollector() {
  const messages: string[] = [];
  const socket = createSocket('udp4').on('message', (m) => messages.push(m.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    url: `udp://127.0.0.1:${socket.address().port}`,
    messages,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/**
 * Reads `LENGTH SP MESSAGE` frames (RFC 6587 §3.4.1, RFC 5425 §4.3), counting octets, not
 * characters.
 */
function readFrames(socket: Socket, messages: string[]) {
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (let space = buffer.indexOf(0x20); space > 0; space = buffer.indexOf(0x20)) {
      const length = Number(buffer.subarray(0, space).toString('ascii'));
      if (buffer.length < space + 1 + length) break;
      messages.push(buffer.subarray(space + 1, space + 1 + length).toString('utf8'));
      buffer = buffer.subarray(space + 1 + length);
    }
  });
}

async function listening(server: Server, messages: string[], port = 0) {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    /** How many connections it accepted. */
    connections: () => sockets.size,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An octet-counting syslog collector over TCP. */
export function tcpCollector(port = 0) {
  const messages: string[] = [];
  return listening(
    createTcpServer((s) => readFrames(s, messages)),
    messages,
    port,
  );
}

/** The same over TLS, with the test-only certificate for 127.0.0.1. */
export function tlsCollector() {
  const messages: string[] = [];
  const server = createTlsServer(
    { key: fixture('server-key.pem'), cert: fixture('server.pem') },
    (s) => readFrames(s, messages),
  );
  return listening(server, messages);
}

/** Accepts TCP connections and then says nothing: no TLS handshake ever comes. */
export function silentServer() {
  return listening(createTcpServer(), []);
}
