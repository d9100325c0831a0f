#!/usr/bin/env node
/**
 * `[MAXAGE=60] node bench/inproc-nested.mjs <root> [n] [database]`: CPU time per `nested` request
 * (first 5, ten cursors in turn) run in process through `<root>`'s Apollo Server
 * (`apollo.executeOperation`, no HTTP, no response cache), with HTTP_CACHE_MAX_AGE=MAXAGE: what
 * the execution path costs on a cache miss, without the load generator sharing the CPU. The
 * database is a seeded one (default the quick bench's path below; see bench/README.md).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
const [root, n = '1500', database = 'sqlite:/tmp/bench-1x.sqlite'] = process.argv.slice(2);
const require = createRequire(join(root, 'package.json'));
require('reflect-metadata');
process.env.NODE_ENV = 'production';
process.env.DATABASE_URL = database;
process.env.LOG_LEVEL = 'warn';
process.env.RATE_LIMIT_POINTS = '0';
const { loadConfig } = require(join(root, 'dist/core/config.js'));
const { createDataSource } = require(join(root, 'dist/app/data-source.js'));
const { createApollo } = require(join(root, 'dist/app/server.js'));
const { createSchema } = require(join(root, 'dist/app/schema.js'));
const { createLogger } = require(join(root, 'dist/core/logger.js'));
const { createContext } = require(join(root, 'dist/core/context.js'));
const { NESTED_QUERY, DISCOVERY } = await import('./scenarios.mjs');
const config = loadConfig();
const db = createDataSource(config.database);
await db.initialize();
const apollo = createApollo({
  config: { ...config, httpCacheMaxAge: Number(process.env.MAXAGE ?? 60) },
  db,
  schema: await createSchema(),
  logger: createLogger('warn'),
  readiness: { seeded: true, shuttingDown: false },
});
await apollo.start();
const run = async (query, variables) => {
  const r = await apollo.executeOperation(
    { query, variables },
    { contextValue: createContext(db, 'x', { statements: 0 }, null) },
  );
  if (r.body.singleResult.errors) throw new Error(JSON.stringify(r.body.singleResult.errors));
  return r;
};
const cursors = (await run(DISCOVERY)).body.singleResult.data.roles.edges.map((e) => e.cursor);
const vars = cursors.slice(0, 10).map((after) => ({ first: 5, after }));
for (let i = 0; i < 300; i++) await run(NESTED_QUERY, vars[i % vars.length]);
const cc = (await run(NESTED_QUERY, vars[0])).http.headers.get('cache-control');
const t = process.cpuUsage();
for (let i = 0; i < Number(n); i++) await run(NESTED_QUERY, vars[i % vars.length]);
const d = process.cpuUsage(t);
console.log(
  `${root}: ${((d.user + d.system) / 1000 / Number(n)).toFixed(3)} CPU ms per nested (cache-control ${cc})`,
);
process.exit(0);
