import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Career directions (issue 14, item 5): a destination the sources name without a starting level,
 * from a role to a role, with its basis and rationale; as TypeORM's schema builder emits them.
 */
export class CareerDirections1764700000000 implements MigrationInterface {
  name = 'CareerDirections1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES : SQLITE;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    const cascade = runner.connection.options.type === 'postgres' ? ' CASCADE' : '';
    await runner.query(`DROP TABLE IF EXISTS "career_directions"${cascade}`);
  }
}

const SQLITE = [
  'CREATE TABLE "career_directions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "version" integer NOT NULL DEFAULT (1), "slug" varchar NOT NULL, "from_role_id" integer NOT NULL, "to_role_id" integer NOT NULL, "advancement_path_id" integer, "basis" varchar(10) NOT NULL, "rationale" text, CONSTRAINT "UQ_70422827e2e58c0c7185a318405" UNIQUE ("slug"), CONSTRAINT "FK_073c0a25c13e07d199ce26fded0" FOREIGN KEY ("from_role_id") REFERENCES "roles" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_14375a77386bdba2e3ac20b9c8e" FOREIGN KEY ("to_role_id") REFERENCES "roles" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_4eba23aed4c018d01b5154cb78f" FOREIGN KEY ("advancement_path_id") REFERENCES "advancement_paths" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)',
  'CREATE INDEX "IDX_14375a77386bdba2e3ac20b9c8" ON "career_directions" ("to_role_id")',
  'CREATE INDEX "IDX_073c0a25c13e07d199ce26fded" ON "career_directions" ("from_role_id")',
];

const POSTGRES = [
  'CREATE TABLE "career_directions" ("id" SERIAL NOT NULL, "version" integer NOT NULL DEFAULT \'1\', "slug" character varying NOT NULL, "from_role_id" integer NOT NULL, "to_role_id" integer NOT NULL, "advancement_path_id" integer, "basis" character varying(10) NOT NULL, "rationale" text, CONSTRAINT "UQ_70422827e2e58c0c7185a318405" UNIQUE ("slug"), CONSTRAINT "PK_395a8e53b57c0ea509e07eff2d9" PRIMARY KEY ("id"))',
  'CREATE INDEX "IDX_14375a77386bdba2e3ac20b9c8" ON "career_directions" ("to_role_id")',
  'CREATE INDEX "IDX_073c0a25c13e07d199ce26fded" ON "career_directions" ("from_role_id")',
  'ALTER TABLE "career_directions" ADD CONSTRAINT "FK_073c0a25c13e07d199ce26fded0" FOREIGN KEY ("from_role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "career_directions" ADD CONSTRAINT "FK_14375a77386bdba2e3ac20b9c8e" FOREIGN KEY ("to_role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  'ALTER TABLE "career_directions" ADD CONSTRAINT "FK_4eba23aed4c018d01b5154cb78f" FOREIGN KEY ("advancement_path_id") REFERENCES "advancement_paths"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
];
