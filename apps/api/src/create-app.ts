import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { API_CONFIG, type ApiConfig } from './api-config';
import { AppModule, CONTROLLERS } from './app.module';
import { authenticate } from './authenticate.middleware';
import { contentTypeAllowList } from './content-type.middleware';
import { hostAllowList } from './host-allow-list.middleware';
import { jsonDepth } from './json-depth';
import { openApiDocument } from './contract/openapi-document';
import { QuietStartLogger } from './observability/quiet-start-logger';

/**
 * The HTTP application: what reaches a route passed, in this order, helmet's headers, the host
 * allow-list, the key check (before any body is read), the media-type allow-list and the bounded
 * body parsers; then the routes' guards (role and simulations, rate limit). With its OpenAPI
 * document (/openapi.json) and docs page (/docs).
 */
export async function configureApp(app: NestExpressApplication): Promise<INestApplication> {
  const config = app.get<ApiConfig>(API_CONFIG);
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(hostAllowList(config.allowedHosts));
  app.use(authenticate(config.keys));
  app.use(contentTypeAllowList());
  app.useBodyParser('json', {
    limit: config.TOKENTRAIL_MAX_BODY,
    verify: (_req: unknown, _res: unknown, body: Buffer) => {
      if (jsonDepth(body, config.TOKENTRAIL_MAX_DEPTH) > config.TOKENTRAIL_MAX_DEPTH)
        throw Object.assign(new Error('too deep'), { status: 422, type: 'entity.too.deep' });
    },
  });
  app.useBodyParser('text', {
    type: ['text/yaml', 'application/yaml'],
    limit: config.TOKENTRAIL_MAX_BODY,
  });
  const document = openApiDocument(app, CONTROLLERS);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}

export async function createApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(QuietStartLogger));
  return configureApp(app);
}
