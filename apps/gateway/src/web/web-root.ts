import type { NextFunction, Request, Response } from 'express';
import { fileURLToPath } from 'node:url';

/** The web app's static files: apps/gateway/web, found from dist/apps/gateway/src/web. */
export const WEB_ROOT = fileURLToPath(new URL('../../../../../apps/gateway/web/', import.meta.url));

/** The public transparency page at /transparency (and /transparency/): a page of its own, open to anyone. */
export function transparencyPage(req: Request, res: Response, next: NextFunction): void {
  const own = req.path === '/' && (req.method === 'GET' || req.method === 'HEAD');
  if (!own) return next();
  res.sendFile('transparency.html', { root: WEB_ROOT, headers: { 'Cache-Control': 'no-cache' } });
}
