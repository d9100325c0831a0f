import 'reflect-metadata';
import { join } from 'node:path';
import { TEST_POSTGRES_URL } from './database';
import { buildTemplates } from './templates';

/**
 * Decorator metadata the template build registered in this process's global object. Under
 * `--runInBand` jest gives every test file's context these globals, so each file added its own
 * decorators to the same stores and schema builds grew slower file after file (a whole suite
 * in band spent a third of its CPU in type-graphql and the lean pass). Workers never had them.
 */
const DECORATOR_STORES = [
  'TypeGraphQLMetadataStorage',
  'classValidatorMetadataStorage',
  'typeormMetadataArgsStorage',
];

/** Once per jest run: the databases test files copy (tests/support/templates.ts). */
export default async function globalSetup(): Promise<void> {
  await buildTemplates(TEST_POSTGRES_URL, join(__dirname, '..', '..', 'seeds'));
  for (const name of DECORATOR_STORES) delete (globalThis as Record<string, unknown>)[name];
}
