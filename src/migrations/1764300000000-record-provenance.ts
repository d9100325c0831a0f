import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who wrote each seedable record last (a seed file's content hash, or an API audit entry), so
 * `npm run seed` merges files with editors' work instead of overwriting it. Records already in
 * the database start with no provenance; the next seed run adopts those that match their file.
 */
export class RecordProvenance1764300000000 implements MigrationInterface {
  name = 'RecordProvenance1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(runner.connection.options.type === 'postgres' ? POSTGRES : SQLITE);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS "record_provenance"');
  }
}

const SQLITE =
  'CREATE TABLE "record_provenance" ("kind" varchar(40) NOT NULL, "record_key" varchar(250) NOT NULL, "origin" varchar(10) NOT NULL, "seed_hash" varchar(64), "seed_file" varchar(500), "audit_id" integer, "deleted" boolean NOT NULL DEFAULT (0), PRIMARY KEY ("kind", "record_key"))';

const POSTGRES =
  'CREATE TABLE "record_provenance" ("kind" character varying(40) NOT NULL, "record_key" character varying(250) NOT NULL, "origin" character varying(10) NOT NULL, "seed_hash" character varying(64), "seed_file" character varying(500), "audit_id" integer, "deleted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_28ad77e7a9fbceb03c657700e34" PRIMARY KEY ("kind", "record_key"))';
