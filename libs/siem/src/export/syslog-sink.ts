import { readFileSync } from 'node:fs';
import { InvalidArgument } from '@tokentrail/domain';
import type { ExportItem } from './export-item';
import { deliveryOf, withRetries, type Attempt } from './retry';
import type { ConfigOf } from './sink-options';
import { sinkName, type Delivery, type Sink, type SinkRuntime } from './sink';
import { toSyslog } from './syslog';
import { SyslogSender, type SyslogSendError } from './syslog-sender';

/**
 * RFC 5424 messages to a syslog collector over UDP, TCP or TLS. Syslog has no acknowledgement: an
 * item handed to the socket is `unacknowledged`, the most anyone can know; a batch whose sending
 * failed is sent again on a new connection (at least once).
 */
export class SyslogSink implements Sink {
  readonly name: string;
  private readonly sender: SyslogSender;

  constructor(
    private readonly config: ConfigOf<'syslog'>,
    private readonly runtime: SinkRuntime,
  ) {
    const url = new URL(config.url);
    this.name = sinkName('syslog', url);
    this.sender = new SyslogSender({
      url,
      timeoutMs: config.timeoutMs,
      ca: config.caFile ? readCa(config.caFile) : undefined,
    });
  }

  async send(batch: readonly ExportItem[]): Promise<Delivery[]> {
    const messages = batch.map((item) => toSyslog(item, { pen: this.config.pen }));
    const result = await withRetries(
      this.config,
      this.runtime,
      async (): Promise<Attempt<null>> => {
        try {
          await this.sender.send(messages);
          return { ok: null };
        } catch (error) {
          const why = `${this.name}: ${(error as SyslogSendError).message}`;
          return (error as SyslogSendError).permanent
            ? { fail: why, sinkDown: true }
            : { retry: why };
        }
      },
    );
    return batch.map(() => ('ok' in result ? { outcome: 'unacknowledged' } : deliveryOf(result)));
  }

  close(): Promise<void> {
    return this.sender.close();
  }
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InvalidArgument('caFile', `cannot read ${file}: ${(error as Error).message}`);
  }
}
