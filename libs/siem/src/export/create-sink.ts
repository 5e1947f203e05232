import { ElasticsearchSink } from './elasticsearch-sink';
import type { SinkConfig } from './sink-options';
import { defaultRuntime, type Sink, type SinkRuntime } from './sink';
import { SplunkHecSink } from './splunk-hec-sink';
import { SyslogSink } from './syslog-sink';
import { WebhookSink } from './webhook-sink';

/** The sink the (parsed) options describe. */
export function createSink(config: SinkConfig, runtime: SinkRuntime = defaultRuntime): Sink {
  switch (config.kind) {
    case 'splunk':
      return new SplunkHecSink(config, runtime);
    case 'elasticsearch':
      return new ElasticsearchSink(config, runtime);
    case 'syslog':
      return new SyslogSink(config, runtime);
    case 'webhook':
      return new WebhookSink(config, runtime);
  }
}
