import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DatabaseSettings } from '../../src/core/config';
import { createDataSource } from '../../src/app/data-source';
import { prepareDatabase } from '../../src/app/database';
import { TestDatabase } from './database';

/**
 * Databases migrated (and seeded) once per jest run, copied for each test file that starts a
 * server on them instead of running the migrations and the seed loader again: a file copy on
 * SQLite, `CREATE DATABASE ... TEMPLATE` on PostgreSQL. Built by tests/support/global-setup.ts,
 * dropped by global-teardown.ts; the environment variable below tells the test files (in this
 * process or a jest worker) where they are.
 *
 * Only the two starts every suite shares use them: the repository's seeds/ and migrations
 * alone. Tests of seeding, merging, migrations and faults load their own data as before.
 */
export type TemplateKind = 'seeded' | 'migrated';

interface Templates {
  engine: 'sqlite' | 'postgres';
  /** SQLite: the template files; PostgreSQL: the template databases' names. */
  seeded: string;
  migrated: string;
  /** SQLite: the directory holding them; PostgreSQL: the server URL they were made on. */
  home: string;
}

const ENV = 'CAREERGRAPH_TEST_TEMPLATES';

export function templatesInUse(): Templates | null {
  const raw = process.env[ENV];
  return raw ? (JSON.parse(raw) as Templates) : null;
}

/** `url` naming another database on the same server. */
function onDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  parsed.searchParams.delete('options');
  return parsed.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new DataSource({ type: 'postgres', url, poolSize: 1 });
  await client.initialize();
  try {
    await client.query(sql);
  } finally {
    await client.destroy();
  }
}

async function fill(
  settings: DatabaseSettings,
  kind: TemplateKind,
  seedsDir: string,
): Promise<void> {
  const db = createDataSource(settings);
  await db.initialize();
  try {
    if (kind === 'seeded') await prepareDatabase(db, seedsDir);
    else await db.runMigrations();
  } finally {
    await db.destroy();
  }
}

/**
 * Builds both templates and records them in the environment, which jest workers inherit.
 * PostgreSQL names carry the process id and random bytes: other runs (other clones, CI) share
 * the server.
 */
export async function buildTemplates(postgresUrl: string | null, seedsDir: string): Promise<void> {
  const run = `${process.pid}_${randomBytes(3).toString('hex')}`;
  let templates: Templates;
  if (!postgresUrl) {
    const home = mkdtempSync(join(tmpdir(), 'careergraph-templates-'));
    templates = {
      engine: 'sqlite',
      home,
      seeded: join(home, 'seeded.sqlite'),
      migrated: join(home, 'migrated.sqlite'),
    };
    await Promise.all([
      fill({ type: 'sqlite', path: templates.seeded }, 'seeded', seedsDir),
      fill({ type: 'sqlite', path: templates.migrated }, 'migrated', seedsDir),
    ]);
  } else {
    templates = {
      engine: 'postgres',
      home: postgresUrl,
      seeded: `cg_tpl_seeded_${run}`,
      migrated: `cg_tpl_migrated_${run}`,
    };
    for (const name of [templates.seeded, templates.migrated])
      await admin(postgresUrl, `CREATE DATABASE "${name}"`);
    await Promise.all([
      fill(
        { type: 'postgres', url: onDatabase(postgresUrl, templates.seeded) },
        'seeded',
        seedsDir,
      ),
      fill(
        { type: 'postgres', url: onDatabase(postgresUrl, templates.migrated) },
        'migrated',
        seedsDir,
      ),
    ]);
  }
  process.env[ENV] = JSON.stringify(templates);
}

export async function dropTemplates(): Promise<void> {
  const templates = templatesInUse();
  if (!templates) return;
  delete process.env[ENV];
  if (templates.engine === 'sqlite') rmSync(templates.home, { recursive: true, force: true });
  else
    for (const name of [templates.seeded, templates.migrated])
      await admin(templates.home, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * Copies the run's SQLite template `kind` (with its write-ahead log) to `path`; false, copying
 * nothing, when the run has no SQLite templates (PostgreSQL, or no global setup).
 */
export function copySqliteTemplate(kind: TemplateKind, path: string): boolean {
  const templates = templatesInUse();
  if (templates?.engine !== 'sqlite') return false;
  copyFileSync(templates[kind], path);
  if (existsSync(`${templates[kind]}-wal`)) copyFileSync(`${templates[kind]}-wal`, `${path}-wal`);
  return true;
}

/**
 * A new database copied from a template, or null when the run has none (a file run without
 * the global setup). The copy gets an identity of its own, as the migration gives every new
 * database: Redis keys and ETags of two test files must never meet.
 */
export async function copyOfTemplate(
  kind: TemplateKind,
  label: string,
): Promise<TestDatabase | null> {
  const templates = templatesInUse();
  if (!templates) return null;
  let database: TestDatabase;
  if (templates.engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `careergraph-${label}-`));
    const path = join(dir, `${label}.sqlite`);
    copySqliteTemplate(kind, path);
    database = {
      settings: { type: 'sqlite', path },
      schema: null,
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } else {
    const name =
      `cg_${label.replace(/\W/g, '_')}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
    await admin(templates.home, `CREATE DATABASE "${name}" TEMPLATE "${templates[kind]}"`);
    database = {
      settings: { type: 'postgres', url: onDatabase(templates.home, name) },
      schema: 'public',
      async dispose() {
        await admin(templates.home, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  return database;
}

/** Gives a copied database an identity of its own (the template's is shared by every copy). */
export async function renewIdentity(db: DataSource): Promise<void> {
  const random =
    db.options.type === 'postgres'
      ? "replace(gen_random_uuid()::text, '-', '')"
      : 'lower(hex(randomblob(16)))';
  await db.query(`UPDATE "database_identity" SET "identity" = ${random} WHERE "id" = 1`);
}
