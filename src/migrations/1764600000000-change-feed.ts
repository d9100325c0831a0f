import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public change feed (docs/changes.md): one row per record created, updated or deleted, at
 * the graph version of its write, as TypeORM's schema builder emits it for each engine. It starts
 * empty: changes made before this migration are not in it.
 */
export class ChangeFeed1764600000000 implements MigrationInterface {
  name = 'ChangeFeed1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES : SQLITE;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS "change_feed"');
  }
}

const SQLITE = [
  'CREATE TABLE "change_feed" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "graph_version" integer NOT NULL, "kind" varchar(40) NOT NULL, "record_key" varchar(250) NOT NULL, "change" varchar(10) NOT NULL, "at" varchar(30) NOT NULL)',
  'CREATE INDEX "IDX_9d85104a74c775ad18be1cd1b4" ON "change_feed" ("graph_version") ',
];

const POSTGRES = [
  'CREATE TABLE "change_feed" ("id" SERIAL NOT NULL, "graph_version" integer NOT NULL, "kind" character varying(40) NOT NULL, "record_key" character varying(250) NOT NULL, "change" character varying(10) NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_57344f8330a63fc4867f148b707" PRIMARY KEY ("id"))',
  'CREATE INDEX "IDX_9d85104a74c775ad18be1cd1b4" ON "change_feed" ("graph_version") ',
];
