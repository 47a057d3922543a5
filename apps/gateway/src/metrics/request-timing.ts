import type { NextFunction, Request, Response } from 'express';
import { recordHttpRequest } from '#serapan/service';

/**
 * Express middleware that times every request the gateway answers by route:
 * its own routes by their template, forwarded ones by the prefix they went to
 * (`/api/orders/*`: the services time them by their own templates), the rest
 * (web app files, 404s) as one `other`.
 */
export function timeRequests(proxyPrefixes: readonly string[]): (req: Request, res: Response, next: NextFunction) => void {
  const forwarded = proxyPrefixes.map((prefix) => ({ prefix, route: `${prefix}/*` }));
  const routeOf = (req: Request): string | undefined => {
    const route = (req.route as { path?: unknown } | undefined)?.path;
    if (typeof route === 'string') return route;
    const url = req.originalUrl;
    return forwarded.find(({ prefix }) => url.startsWith(prefix) && (url.length === prefix.length || url[prefix.length] === '/' || url[prefix.length] === '?'))
      ?.route;
  };
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => recordHttpRequest(req.method, routeOf(req), res.statusCode, (performance.now() - started) / 1000));
    next();
  };
}
