import 'reflect-metadata';
import { join } from 'node:path';
import { TEST_POSTGRES_URL } from './database';
import { buildTemplates } from './templates';

/** Once per jest run: the databases test files copy (tests/support/templates.ts). */
export default async function globalSetup(): Promise<void> {
  await buildTemplates(TEST_POSTGRES_URL, join(__dirname, '..', '..', 'seeds'));
}
