import { connect } from 'node:net';
import { frameOctetCounted } from './syslog';

/** Sends RFC 5424 messages to `tcp://host:port` with octet-counting framing; resolves when the peer has them all. */
export async function sendSyslogTcp(
  target: string,
  messages: AsyncIterable<string>,
): Promise<number> {
  const url = new URL(target);
  if (url.protocol !== 'tcp:' || !url.hostname || !url.port)
    throw new Error(`--syslog needs tcp://host:port, got ${target}`);
  const socket = connect({ host: url.hostname, port: Number(url.port) });
  await new Promise<void>((resolve, reject) =>
    socket.once('connect', resolve).once('error', reject),
  );
  let sent = 0;
  for await (const m of messages) {
    if (!socket.write(frameOctetCounted(m))) await new Promise((r) => socket.once('drain', r));
    sent += 1;
  }
  await new Promise<void>((resolve, reject) => socket.end(() => resolve()).once('error', reject));
  return sent;
}
