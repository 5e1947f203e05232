import type { INestApplication, Type } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ACCESS, type AccessRule } from '../requires.decorator';
import { errorBodySchema } from './error-body';
import { componentSchemas, schemaRef } from './openapi-schemas';
import { REFUSALS } from './responses.decorator';

const TAGS: Record<string, string> = {
  operations: 'Health, readiness and metrics, for the platform that runs tokentrail',
  simulations: 'Scenario runs, the simulations and their deletion',
  commands: 'One step verb at a time into a simulation',
  views: 'Time-travel questions as of a moment or a position',
  events: 'The replayable log, paged and live',
  siem: 'Windows Security events in, findings out',
  evidence: 'The log proving itself: chains, signed heads, bundles',
  schemas: 'The JSON Schema of scenario files',
};

/** The security scheme every keyed operation requires. */
const SCHEME = 'apiKey';
/** Where @nestjs/throttler's `@SkipThrottle()` records itself (THROTTLER_SKIP + its name). */
const SKIP_THROTTLE = 'THROTTLER:SKIPdefault';

const refusal = (status: 401 | 403 | 429) => ({
  description: REFUSALS[status],
  content: { 'application/json': { schema: schemaRef(errorBodySchema) } },
});

/**
 * The OpenAPI document: operations and request bodies from the controllers' decorators, response
 * bodies from the registered zod schemas, and each operation's security, 401/403 and 429 from the
 * same access rule and throttle setting the guards read, so the document cannot say a route is
 * public when the guard does not let it be.
 */
export function openApiDocument(app: INestApplication, controllers: Type[]): OpenAPIObject {
  const routes = new Map<string, { controller: Type; method: string }>();
  const byName = new Map(controllers.map((c) => [c.name, c]));
  const builder = new DocumentBuilder()
    .setTitle('tokentrail')
    .setDescription(
      'Time-travel questions about which group SIDs each credential artifact carried, why, and what would fix it.',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'the server that serves this document')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'tokentrail API key',
        description: 'An API key made by `tokentrail keys api` (SECURITY.md)',
      },
      SCHEME,
    );
  for (const [tag, description] of Object.entries(TAGS)) builder.addTag(tag, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (controllerKey, methodKey) => {
      const id = `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;
      const controller = byName.get(controllerKey);
      if (controller) routes.set(id, { controller, method: methodKey });
      return id;
    },
  });
  document.components = { ...document.components, schemas: componentSchemas() };
  for (const operations of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = operations[method];
      const route = operation?.operationId ? routes.get(operation.operationId) : undefined;
      if (!operation || !route) continue;
      const handler = (route.controller.prototype as Record<string, object>)[route.method];
      const rule = (Reflect.getMetadata(ACCESS, handler) ??
        Reflect.getMetadata(ACCESS, route.controller) ?? {
          role: 'admin',
          scope: 'none',
        }) as AccessRule;
      const skipped = (Reflect.getMetadata(SKIP_THROTTLE, handler) ??
        Reflect.getMetadata(SKIP_THROTTLE, route.controller)) as boolean | undefined;
      const responses = operation.responses;
      responses['403'] ??= refusal(403);
      if (rule.role === 'public') {
        operation.security = [];
      } else {
        operation.security = [{ [SCHEME]: [] }];
        responses['401'] ??= refusal(401);
        operation.description = [operation.description, `Needs a \`${rule.role}\` key.`]
          .filter(Boolean)
          .join(' ');
      }
      if (!skipped) responses['429'] ??= refusal(429);
    }
  }
  return document;
}
