import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { schemaSdl } from './schema';

/** `npm run schema:emit [-- PATH]`: writes the sorted SDL (default schema/schema.graphql). */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'schema/schema.graphql';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await schemaSdl());
  console.log(`wrote ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
