import type { ObservabilityConfig } from './observability-config';

/** The running SDK, so SIGTERM can flush the spans still buffered. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces of HTTP requests and express routes, when TOKENTRAIL_TRACING=on. Where the
 * spans go is the SDK's standard configuration (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_PROTOCOL, …). Started before the application is loaded, so `http` and
 * `express` are instrumented when they are first required; only traces (metrics are Prometheus'
 * /metrics, logs are standard output), and the SDK is not loaded at all when tracing is off.
 */
export async function startTracing(config: ObservabilityConfig): Promise<Tracing | null> {
  if (config.TOKENTRAIL_TRACING !== 'on') return null;
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  const [{ NodeSDK }, { HttpInstrumentation }, { ExpressInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-express'),
  ]);
  const sdk = new NodeSDK({
    serviceName: config.OTEL_SERVICE_NAME,
    instrumentations: [
      // Probes and scrapes every few seconds would drown the traces of real work.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)(\/|\?|$)/.test(req.url ?? ''),
      }),
      new ExpressInstrumentation(),
    ],
  });
  sdk.start();
  return sdk;
}
