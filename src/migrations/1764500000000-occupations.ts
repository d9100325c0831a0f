import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Occupation codes (SOC 2018, O*NET-SOC 2019, ISCO-08, ESCO), the roles mapped to them and the
 * pay statistics published for them, as TypeORM's schema builder emits them for each engine.
 */
export class Occupations1764500000000 implements MigrationInterface {
  name = 'Occupations1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES : SQLITE;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    const cascade = runner.connection.options.type === 'postgres' ? ' CASCADE' : '';
    for (const table of ['wage_statistics', 'role_occupations', 'occupations'])
      await runner.query(`DROP TABLE IF EXISTS "${table}"${cascade}`);
  }
}

const SQLITE = [
  'CREATE TABLE "occupations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "system" varchar(16) NOT NULL, "code" varchar NOT NULL, "title" varchar NOT NULL, "source_id" integer NOT NULL, "url" varchar NOT NULL, "read_on" varchar(10) NOT NULL)',
  'CREATE UNIQUE INDEX "IDX_cffc383c962fc21eafd2ebc5c6" ON "occupations" ("system", "code") ',
  'CREATE TABLE "role_occupations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "role_id" integer NOT NULL, "occupation_id" integer NOT NULL, "match" varchar(8) NOT NULL, "note" text, CONSTRAINT "FK_560e40f16d191fa2a17a6c2acbb" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_05c275c95aa5d097300d82525d0" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE TABLE "wage_statistics" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "occupation_id" integer NOT NULL, "statistic" varchar(8) NOT NULL, "amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "period" varchar(8) NOT NULL, "region" varchar NOT NULL, "year" integer, "reference_period" varchar NOT NULL, "publisher" varchar NOT NULL, "url" varchar NOT NULL, "read_on" varchar(10) NOT NULL, "note" text, CONSTRAINT "FK_43a10cf6657d573556dfa73a1c6" FOREIGN KEY ("occupation_id") REFERENCES "occupations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
  'CREATE INDEX "IDX_05c275c95aa5d097300d82525d" ON "role_occupations" ("occupation_id") ',
  'CREATE UNIQUE INDEX "IDX_e3ad15c99b936d600c83171cac" ON "role_occupations" ("role_id", "occupation_id") ',
  'CREATE INDEX "IDX_43a10cf6657d573556dfa73a1c" ON "wage_statistics" ("occupation_id") ',
];

const POSTGRES = [
  'CREATE TABLE "occupations" ("id" SERIAL NOT NULL, "system" character varying(16) NOT NULL, "code" character varying NOT NULL, "title" character varying NOT NULL, "source_id" integer NOT NULL, "url" character varying NOT NULL, "read_on" character varying(10) NOT NULL, CONSTRAINT "PK_0bf09083dd897df1e8ebb96b5c1" PRIMARY KEY ("id"))',
  'CREATE UNIQUE INDEX "IDX_cffc383c962fc21eafd2ebc5c6" ON "occupations" ("system", "code") ',
  'CREATE TABLE "role_occupations" ("id" SERIAL NOT NULL, "role_id" integer NOT NULL, "occupation_id" integer NOT NULL, "match" character varying(8) NOT NULL, "note" text, CONSTRAINT "PK_12d8f36c1a8697825f644bac13e" PRIMARY KEY ("id"))',
  'CREATE INDEX "IDX_05c275c95aa5d097300d82525d" ON "role_occupations" ("occupation_id") ',
  'CREATE UNIQUE INDEX "IDX_e3ad15c99b936d600c83171cac" ON "role_occupations" ("role_id", "occupation_id") ',
  'CREATE TABLE "wage_statistics" ("id" SERIAL NOT NULL, "occupation_id" integer NOT NULL, "statistic" character varying(8) NOT NULL, "amount" integer NOT NULL, "currency" character varying(3) NOT NULL, "period" character varying(8) NOT NULL, "region" character varying NOT NULL, "year" integer, "reference_period" character varying NOT NULL, "publisher" character varying NOT NULL, "url" character varying NOT NULL, "read_on" character varying(10) NOT NULL, "note" text, CONSTRAINT "PK_76b9d69fd2d356b3d8bf145af3f" PRIMARY KEY ("id"))',
  'CREATE INDEX "IDX_43a10cf6657d573556dfa73a1c" ON "wage_statistics" ("occupation_id") ',
  'ALTER TABLE "role_occupations" ADD CONSTRAINT "FK_560e40f16d191fa2a17a6c2acbb" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "role_occupations" ADD CONSTRAINT "FK_05c275c95aa5d097300d82525d0" FOREIGN KEY ("occupation_id") REFERENCES "occupations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "wage_statistics" ADD CONSTRAINT "FK_43a10cf6657d573556dfa73a1c6" FOREIGN KEY ("occupation_id") REFERENCES "occupations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
];
