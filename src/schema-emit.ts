import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { clientCacheJson } from './core/client-cache';
import { createSchema, schemaSdl } from './app/schema';

/**
 * `npm run schema:emit [-- PATH [CACHE_PATH]]`: writes the sorted SDL (default
 * schema/schema.graphql) and what client caches need to know of it (default docs/client-cache.json).
 */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'schema/schema.graphql';
  const cacheOut = process.argv[3] ?? 'docs/client-cache.json';
  for (const [file, text] of [
    [out, await schemaSdl()],
    [cacheOut, clientCacheJson(await createSchema())],
  ]) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
