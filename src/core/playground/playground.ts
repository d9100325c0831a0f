import { readFileSync } from 'node:fs';
import { NextFunction, Request, Response, Router } from 'express';
import { Asset, playgroundAssets } from './assets';
import { Example, loadExamples } from './examples';
import { playgroundPage } from './page';

export const ASSETS_PATH = '/playground/assets';

/** The page may load only what we serve: a browser that obeys it makes no request elsewhere. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Whether a request would rather have a page than JSON (what a browser's address bar sends). */
export function prefersHtml(req: Request): boolean {
  return (
    req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) ===
    'text/html'
  );
}

/**
 * GraphiQL on `GET <endpoint>` for browsers, with the examples of docs/examples to pick from,
 * and its files on /playground/assets. Every other request to the endpoint goes on to Apollo.
 */
export function playground(options: { endpoint?: string; examples?: Example[] } = {}): Router {
  const endpoint = options.endpoint ?? '/graphql';
  const page = playgroundPage({
    endpoint,
    assets: ASSETS_PATH,
    examples: options.examples ?? loadExamples(),
  });
  const assets = new Map<string, Asset>(Object.entries(playgroundAssets()));
  const bodies = new Map<string, Buffer>();
  const router = Router();

  router.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    if (!prefersHtml(req)) return next();
    res.vary('Accept');
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(page);
  });

  router.get(`${ASSETS_PATH}/:file`, (req: Request, res: Response, next: NextFunction) => {
    const asset = assets.get(String(req.params.file));
    if (!asset) return next();
    let body = bodies.get(req.params.file as string);
    if (!body) {
      body = 'path' in asset ? readFileSync(asset.path) : Buffer.from(asset.body);
      bodies.set(req.params.file as string, body);
    }
    res.setHeader('content-type', asset.type);
    res.setHeader('cache-control', 'public, max-age=86400');
    res.send(body);
  });
  return router;
}
