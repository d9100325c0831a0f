import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { DataSource } from 'typeorm';
import { createContext } from '../../core/context';
import { databaseIdentity } from '../../core/cache/database-identity';
import { echo } from '../../core/errors';
import { etagOf, matchesIfNoneMatch } from '../../core/http-cache';
import { Logger } from '../../core/logger';
import { roleBySlug, roleJsonLd } from './role-json-ld';

/**
 * GET /roles/{slug}.jsonld: the role's schema.org Occupation as application/ld+json, public and
 * cacheable for `maxAge` seconds like a GraphQL GET (with an ETag: a revalidation that matches
 * answers 304), tagged as GraphQL GETs are (etag.plugin.ts); 404 for a slug no role has, never
 * cached, quoting at most 80 characters of the slug.
 */
export function jsonLdRouter(db: DataSource, logger: Logger, maxAge: number): Router {
  const router = Router();
  router.get('/roles/:file', async (req, res, next) => {
    const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.jsonld$/.exec(req.params.file);
    if (!match) return next();
    try {
      const ctx = createContext(
        db,
        String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 100),
      );
      const role = await roleBySlug(ctx, match[1]);
      if (!role) {
        // not stored anywhere: the role may be created any moment (a curator following the link
        // of the role they just added must not be answered a cached 404), and a stranger's
        // made-up slugs would only fill shared caches, sparing the database nothing
        res.setHeader('cache-control', 'no-store');
        res
          .status(404)
          .type('application/json')
          .send(JSON.stringify({ error: `No role has slug "${echo(match[1])}"` }));
        return;
      }
      res.setHeader('cache-control', maxAge > 0 ? `max-age=${maxAge}, public` : 'no-store');
      const doc = await roleJsonLd(ctx, role);
      const etag = etagOf(doc, {
        database: await databaseIdentity(db),
        graphVersion: await ctx.loaders.graphVersion(),
      });
      res.setHeader('etag', etag);
      if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
        res.status(304).end();
        return;
      }
      res.type('application/ld+json').send(JSON.stringify(doc, null, 2));
    } catch (err) {
      logger.error({ err }, 'json-ld request failed');
      res.setHeader('cache-control', 'no-store');
      res
        .status(503)
        .type('application/json')
        .send(JSON.stringify({ error: 'The graph could not be read; try again later' }));
    }
  });
  return router;
}
