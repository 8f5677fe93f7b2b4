import type { WebModule } from '../lib/web-module';

/** The modules made with `npm run new-module`: each folder's module.tsx, found at build time (Vite glob import). */
export const discoveredModules: WebModule[] = Object.values(
  import.meta.glob<WebModule>('../modules/*/module.tsx', { eager: true, import: 'webModule' }),
);
