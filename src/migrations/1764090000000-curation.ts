import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose records carry a version for optimistic locking. */
const VERSIONED = [
  'sources',
  'roles',
  'role_levels',
  'skills',
  'career_transitions',
  'organizations',
  'certifications',
  'credentials',
  'sectors',
  'employers',
  'salary_bands',
  'salary_factors',
  'job_outlooks',
  'insights',
  'internship_kinds',
  'advancement_paths',
];

/** Curation: a version on every record, API keys (hashed) and the audit log. */
export class Curation1764090000000 implements MigrationInterface {
  name = 'Curation1764090000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of VERSIONED) {
      await runner.query(`ALTER TABLE "${table}" ADD COLUMN "version" integer NOT NULL DEFAULT 1`);
    }
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES : SQLITE;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS "audit_log"');
    await runner.query('DROP TABLE IF EXISTS "api_keys"');
    for (const table of VERSIONED)
      await runner.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
  }
}

const SQLITE = [
  'CREATE TABLE "api_keys" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "prefix" varchar(16) NOT NULL, "key_hash" varchar(64) NOT NULL, "name" varchar(120) NOT NULL, "role" varchar(10) NOT NULL, "created_at" varchar(30) NOT NULL, "revoked_at" varchar(30), CONSTRAINT "UQ_6f6105c8efe05b310d046cbdb3d" UNIQUE ("prefix"), CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"))',
  'CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" varchar(30) NOT NULL, "actor" varchar(120) NOT NULL, "actor_key" varchar(16) NOT NULL, "action" varchar(60) NOT NULL, "subject_type" varchar(40) NOT NULL, "subject_key" varchar(250) NOT NULL, "before" text, "after" text, "request_id" varchar(100))',
  'CREATE INDEX "IDX_c0c9698a2631e51615675f25f3" ON "audit_log" ("subject_type", "subject_key")',
];

const POSTGRES = [
  'CREATE TABLE "api_keys" ("id" SERIAL NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character varying(64) NOT NULL, "name" character varying(120) NOT NULL, "role" character varying(10) NOT NULL, "created_at" character varying(30) NOT NULL, "revoked_at" character varying(30), CONSTRAINT "UQ_6f6105c8efe05b310d046cbdb3d" UNIQUE ("prefix"), CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))',
  'CREATE TABLE "audit_log" ("id" SERIAL NOT NULL, "at" character varying(30) NOT NULL, "actor" character varying(120) NOT NULL, "actor_key" character varying(16) NOT NULL, "action" character varying(60) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_key" character varying(250) NOT NULL, "before" text, "after" text, "request_id" character varying(100), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))',
  'CREATE INDEX "IDX_c0c9698a2631e51615675f25f3" ON "audit_log" ("subject_type", "subject_key")',
];
