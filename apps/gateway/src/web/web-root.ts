import { fileURLToPath } from 'node:url';

/** The web app's static files: apps/gateway/web, found from dist/apps/gateway/src/web. */
export const WEB_ROOT = fileURLToPath(new URL('../../../../../apps/gateway/web/', import.meta.url));
