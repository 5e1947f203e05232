import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ecsFormat } from '@elastic/ecs-pino-format';
import type { Params } from 'nestjs-pino';
import type { ObservabilityConfig } from './observability-config';

/** A caller's own request id is kept when it is a plain token; anything else gets a new one. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Probes and scrapes come every few seconds: their requests are not logged one by one. */
const UNLOGGED = /^\/(health|metrics)(\/|\?|$)/;

/**
 * No line carries a request's headers (the request is described by the fields of `customProps`);
 * should a log call ever pass a request or its headers, the ones that carry secrets are redacted.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'http.request.headers.authorization',
  'http.request.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

/**
 * Structured logs: one JSON object per line on standard output, in Elastic Common Schema fields
 * (`@timestamp`, `log.level`, `message`, `http.*`, `url.*`, `service.name`), each request with an
 * id (`http.request.id`, also answered as `X-Request-Id`) that its log lines carry.
 */
export function jsonLogParams(config: Pick<ObservabilityConfig, 'TOKENTRAIL_LOG_LEVEL'>): Params {
  const ecs = ecsFormat({
    convertReqRes: true,
    apmIntegration: false,
    serviceName: 'tokentrail',
    serviceVersion: '0.1.0',
  });
  return {
    renameContext: 'log.logger',
    pinoHttp: {
      ...ecs,
      formatters: {
        ...ecs.formatters,
        // The response's headers are the same helmet set on every line: left out.
        log: (object: Record<string, unknown>) => {
          const line = ecs.formatters!.log!(object) as { http?: { response?: object } };
          if (line.http?.response)
            line.http.response = { ...line.http.response, headers: undefined };
          return line;
        },
      },
      level: config.TOKENTRAIL_LOG_LEVEL,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // A request's lines carry its id and these fields, never the request itself (its headers).
      quietReqLogger: true,
      quietResLogger: true,
      customAttributeKeys: { reqId: 'http.request.id', responseTime: 'event.duration_ms' },
      customProps: (req: IncomingMessage) => ({
        'http.request.method': req.method,
        'url.path': (req.url ?? '').split('?')[0],
        'client.address': req.socket.remoteAddress,
        'user_agent.original': req.headers['user-agent'],
      }),
      autoLogging: { ignore: (req) => UNLOGGED.test(req.url ?? '') },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      customSuccessMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
      customErrorMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    },
  };
}
