import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';

/** The HTTP application with its OpenAPI document (/openapi.json) and docs page (/docs). */
export async function configureApp(app: NestExpressApplication): Promise<INestApplication> {
  app.useBodyParser('json', { limit: '10mb' });
  app.useBodyParser('text', {
    type: ['text/yaml', 'application/yaml', 'application/x-yaml', 'text/plain'],
    limit: '10mb',
  });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('tokentrail')
      .setDescription(
        'Time-travel questions about which group SIDs each credential artifact carried, why, and what would fix it.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}

export async function createApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: ['error', 'warn', 'log'],
    bodyParser: false,
  });
  return configureApp(app);
}
