import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certification lifecycles: exam codes, validity, renewal rule, status and successor, one row per
 * certification, as TypeORM's schema builder emits them for each engine.
 */
export class CertificationLifecycles1764500000001 implements MigrationInterface {
  name = 'CertificationLifecycles1764500000001';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES : SQLITE;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    const cascade = runner.connection.options.type === 'postgres' ? ' CASCADE' : '';
    await runner.query(`DROP TABLE IF EXISTS "certification_lifecycles"${cascade}`);
  }
}

const SQLITE = [
  'CREATE TABLE "certification_lifecycles" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "certification_id" integer NOT NULL, "status" varchar(10) NOT NULL, "status_date" varchar(10), "exam_codes" text NOT NULL, "validity_months" integer, "renewal" text, "successor_id" integer, "note" text, "citations" text NOT NULL, CONSTRAINT "UQ_6a37a5ac05b23f3ef2f744ff203" UNIQUE ("certification_id"), CONSTRAINT "REL_6a37a5ac05b23f3ef2f744ff20" UNIQUE ("certification_id"), CONSTRAINT "FK_6a37a5ac05b23f3ef2f744ff203" FOREIGN KEY ("certification_id") REFERENCES "certifications" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ff804bd3e0afb67de9dd0ad0536" FOREIGN KEY ("successor_id") REFERENCES "certifications" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)',
];

const POSTGRES = [
  'CREATE TABLE "certification_lifecycles" ("id" SERIAL NOT NULL, "certification_id" integer NOT NULL, "status" character varying(10) NOT NULL, "status_date" character varying(10), "exam_codes" text NOT NULL, "validity_months" integer, "renewal" text, "successor_id" integer, "note" text, "citations" text NOT NULL, CONSTRAINT "UQ_6a37a5ac05b23f3ef2f744ff203" UNIQUE ("certification_id"), CONSTRAINT "REL_6a37a5ac05b23f3ef2f744ff20" UNIQUE ("certification_id"), CONSTRAINT "PK_fb7e5d680d50539fec2687ff049" PRIMARY KEY ("id"))',
  'ALTER TABLE "certification_lifecycles" ADD CONSTRAINT "FK_6a37a5ac05b23f3ef2f744ff203" FOREIGN KEY ("certification_id") REFERENCES "certifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "certification_lifecycles" ADD CONSTRAINT "FK_ff804bd3e0afb67de9dd0ad0536" FOREIGN KEY ("successor_id") REFERENCES "certifications"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
];
