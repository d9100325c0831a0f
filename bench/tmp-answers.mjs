#!/usr/bin/env node
/**
 * `[MAXAGE=0] node bench/inproc.mjs <root> <scenario> [n] [database]`: CPU time per request of one
 * benchmark scenario (its variables in turn) run in process through `<root>`'s Apollo Server
 * (`apollo.executeOperation`: no HTTP, no load generator, no response cache), with
 * HTTP_CACHE_MAX_AGE=MAXAGE (default 0, the data path). bench/inproc-nested.mjs generalised;
 * alternate two roots in separate processes to compare builds.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
const [root, name, n = '1500', database = 'sqlite:/tmp/bench-1x.sqlite'] = process.argv.slice(2);
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
const { SCENARIOS, DISCOVERY, realGraph } = await import('./scenarios.mjs');
const scenario = SCENARIOS.find((s) => s.name === name);
if (!scenario) throw new Error(`no scenario ${name}`);
const { GraphVersionWatcher } = require(join(root, 'dist/core/cache/graph-version.js'));
const config = loadConfig();
const db = createDataSource(config.database);
await db.initialize();
// as the server does: the graph version followed in the background, not read per request
await new GraphVersionWatcher(db).start();
const apollo = createApollo({
  config: { ...config, httpCacheMaxAge: Number(process.env.MAXAGE ?? 0) },
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
const vars = scenario.variables({ ...realGraph(root), cursors });
for (let i = 0; i < 300; i++) await run(scenario.query, vars[i % vars.length]);
const answers = []; for (const v of vars) answers.push({ data: (await run(scenario.query, v)).body.singleResult.data, vars: v });
require("node:fs").writeFileSync(process.env.ANSWERS_OUT, JSON.stringify(answers)); process.exit(0);
const t = process.cpuUsage();
for (let i = 0; i < Number(n); i++) await run(scenario.query, vars[i % vars.length]);
const d = process.cpuUsage(t);
console.log(
  `${root} ${name}: ${((d.user + d.system) / 1000 / Number(n)).toFixed(3)} CPU ms per request`,
);
process.exit(0);
