import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { checkoutDir } from '../checkout-dir';
import { RootController } from './root.controller';

/** Where `npm run build` puts the page (apps/ui, built by Vite). */
export const UI_DIR = join(checkoutDir(), 'dist', 'ui');

/**
 * The analyst's page at /ui: static files built by `npm install` (no CDN at run time). It holds
 * no data: everything it shows comes from the API's routes, with the user's key.
 */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: UI_DIR,
      serveRoot: '/ui',
      // Hashed file names may be cached for good; index.html is asked again each time.
      serveStaticOptions: {
        index: 'index.html',
        setHeaders: (res, path) =>
          res.setHeader(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          ),
      },
    }),
  ],
  controllers: [RootController],
})
export class UiModule {}
