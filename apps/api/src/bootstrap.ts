import 'reflect-metadata';
import { createApp } from './create-app';

export async function bootstrap(): Promise<void> {
  const app = await createApp();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(port, host);
  console.log(
    `tokentrail API listening on http://${host}:${port} (GET /health, docs at /docs, OpenAPI at /openapi.json)`,
  );
}
