import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { frameOctetCounted } from './syslog';

export interface SyslogTarget {
  /** udp://, tcp:// or tls://host:port */
  url: URL;
  /** For a connection, a TLS handshake, a write or a close. */
  timeoutMs: number;
  /** PEM CA certificate(s) for TLS; the system's CAs without. */
  ca?: Buffer;
}

/**
 * A failure to send; `permanent` when trying again cannot help (the certificate does not verify).
 */
export type SyslogSendError = Error & { permanent: boolean };

/**
 * Writes RFC 5424 messages to a collector: a datagram each over UDP (RFC 5426), octet-counted over
 * TCP (RFC 6587) or TLS (RFC 5425, the server's certificate always verified). Connects on first
 * use, and again after the connection broke or the collector closed it.
 */
export class SyslogSender {
  private stream: Socket | null = null;
  private udp: UdpSocket | null = null;

  constructor(private readonly target: SyslogTarget) {}

  /** Resolves once every message is handed to the socket; rejects with a SyslogSendError. */
  async send(messages: readonly string[]): Promise<void> {
    try {
      if (this.target.url.protocol === 'udp:') await this.sendDatagrams(messages);
      else await this.write(await this.connection(), messages.map(frameOctetCounted));
    } catch (error) {
      const code = String((error as NodeJS.ErrnoException).code ?? '');
      const failure: SyslogSendError = Object.assign(new Error((error as Error).message), {
        permanent: /CERT|UNABLE_TO/.test(code),
      });
      throw failure;
    }
  }

  async close(): Promise<void> {
    this.udp?.close();
    this.udp = null;
    const stream = this.stream;
    this.stream = null;
    if (stream && !stream.destroyed)
      await this.guarded(stream, new Promise((resolve) => stream.end().once('close', resolve)));
  }

  private get host() {
    return this.target.url.hostname.replace(/^\[(.*)\]$/, '$1');
  }

  private async sendDatagrams(messages: readonly string[]): Promise<void> {
    if (!this.udp) {
      this.udp = createSocket(isIP(this.host) === 6 ? 'udp6' : 'udp4');
      // A send's own callback reports its failure; this keeps a late one from crashing the process.
      this.udp.on('error', () => {});
    }
    const udp = this.udp;
    for (const message of messages)
      await new Promise<void>((resolve, reject) =>
        udp.send(message, Number(this.target.url.port), this.host, (e) =>
          e ? reject(e) : resolve(),
        ),
      );
  }

  /** The open connection, or a new one (the last broke, or the collector closed it). */
  private async connection(): Promise<Socket> {
    if (this.stream && !this.stream.destroyed) return this.stream;
    const { url, ca, timeoutMs } = this.target;
    const [host, port, tls] = [this.host, Number(url.port), url.protocol === 'tls:'];
    const socket = tls
      ? connectTls({ host, port, ca, servername: isIP(host) ? undefined : host })
      : connectTcp({ host, port });
    socket.on('timeout', () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    // Failures reach the operation waiting on the socket (see `write`); an idle one just closes.
    socket.on('error', () => {});
    await this.guarded(socket, once(socket, tls ? 'secureConnect' : 'connect'));
    this.stream = socket;
    return socket;
  }

  private write(socket: Socket, frames: string[]): Promise<void> {
    return this.guarded(
      socket,
      new Promise<void>((resolve, reject) =>
        // `errored` is why the socket was destroyed (a reset, our timeout), not "write after
        // destroy".
        socket.write(frames.join(''), (e) => (e ? reject(socket.errored ?? e) : resolve())),
      ),
    );
  }

  /** Runs `work` with the socket's inactivity timeout armed: a silent collector fails it. */
  private async guarded<T>(socket: Socket, work: Promise<T>): Promise<T> {
    socket.setTimeout(this.target.timeoutMs);
    try {
      return await work;
    } finally {
      socket.setTimeout(0);
    }
  }
}
