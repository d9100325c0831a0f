import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database's identity: a random id, made by the database itself when this migration runs
 * and never changed after. Everything kept outside the process (response cache and rate-limit
 * keys in Redis, ETags) carries it beside the graph version, so two databases that count their
 * versions from the same numbers (staging and production on one Redis, a database re-created or
 * restored from seed files) never share an entry. A copy of the database file or a dump keeps it.
 */
export class DatabaseIdentity1764200000000 implements MigrationInterface {
  name = 'DatabaseIdentity1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE "database_identity" ("id" integer NOT NULL PRIMARY KEY, "identity" varchar(32) NOT NULL)',
    );
    const random =
      runner.connection.options.type === 'postgres'
        ? "replace(gen_random_uuid()::text, '-', '')"
        : 'lower(hex(randomblob(16)))';
    await runner.query(`INSERT INTO "database_identity" ("id", "identity") VALUES (1, ${random})`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS "database_identity"');
  }
}
