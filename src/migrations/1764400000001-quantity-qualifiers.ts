import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quantities with qualifiers (docs/quantities.md): a qualifier per bound on year ranges and
 * salary bands, `or_more` on bands, and a salary band's region may be unknown. Adding nullable
 * columns is the same on both engines; SQLite cannot drop NOT NULL in place, so salary_bands is
 * rebuilt there (the statements TypeORM's schema builder gives for the entities).
 */
export class QuantityQualifiers1764400000001 implements MigrationInterface {
  name = 'QuantityQualifiers1764400000001';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const varchar10 = postgres ? 'character varying(10)' : 'varchar(10)';
    for (const column of [
      'years_in_level_min_qualifier',
      'years_in_level_max_qualifier',
      'years_of_experience_min_qualifier',
      'years_of_experience_max_qualifier',
    ]) {
      await runner.query(`ALTER TABLE "role_levels" ADD COLUMN "${column}" ${varchar10}`);
    }
    for (const column of ['typical_years_min_qualifier', 'typical_years_max_qualifier']) {
      await runner.query(`ALTER TABLE "career_transitions" ADD COLUMN "${column}" ${varchar10}`);
    }
    if (postgres) {
      await runner.query(`ALTER TABLE "salary_bands" ADD COLUMN "min_qualifier" ${varchar10}`);
      await runner.query(`ALTER TABLE "salary_bands" ADD COLUMN "max_qualifier" ${varchar10}`);
      await runner.query(
        'ALTER TABLE "salary_bands" ADD COLUMN "or_more" boolean NOT NULL DEFAULT false',
      );
      await runner.query('ALTER TABLE "salary_bands" ALTER COLUMN "region" DROP NOT NULL');
    } else {
      await rebuildBands(runner, BANDS_AFTER);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    if (postgres) {
      await runner.query(
        `UPDATE "salary_bands" SET "region" = 'unspecified' WHERE "region" IS NULL`,
      );
      await runner.query('ALTER TABLE "salary_bands" ALTER COLUMN "region" SET NOT NULL');
      for (const column of ['min_qualifier', 'max_qualifier', 'or_more'])
        await runner.query(`ALTER TABLE "salary_bands" DROP COLUMN "${column}"`);
    } else {
      await runner.query(
        `UPDATE "salary_bands" SET "region" = 'unspecified' WHERE "region" IS NULL`,
      );
      await rebuildBands(runner, BANDS_BEFORE);
    }
    for (const column of ['typical_years_min_qualifier', 'typical_years_max_qualifier']) {
      await runner.query(`ALTER TABLE "career_transitions" DROP COLUMN "${column}"`);
    }
    for (const column of [
      'years_in_level_min_qualifier',
      'years_in_level_max_qualifier',
      'years_of_experience_min_qualifier',
      'years_of_experience_max_qualifier',
    ]) {
      await runner.query(`ALTER TABLE "role_levels" DROP COLUMN "${column}"`);
    }
  }
}

const KEPT =
  '"id", "slug", "role_id", "level_id", "label", "currency", "period", "region", "year", "min", "max", "version"';
const CONSTRAINTS =
  'CONSTRAINT "UQ_ab92389179baa57f4b33d9c12bb" UNIQUE ("slug"), ' +
  'CONSTRAINT "FK_c24d9b1c55bd569bf815216713d" FOREIGN KEY ("level_id") REFERENCES "role_levels" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, ' +
  'CONSTRAINT "FK_806442f8f37c0e60ae7831f0f87" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE ON UPDATE NO ACTION';
const COMMON =
  '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "role_id" integer NOT NULL, "level_id" integer, ' +
  '"label" varchar NOT NULL, "currency" varchar(3) NOT NULL, "period" varchar(8) NOT NULL';
const BANDS_AFTER =
  `${COMMON}, "region" varchar, "year" integer, "min" integer, "max" integer, "version" integer NOT NULL DEFAULT (1), ` +
  `"min_qualifier" varchar(10), "max_qualifier" varchar(10), "or_more" boolean NOT NULL DEFAULT (0), ${CONSTRAINTS}`;
const BANDS_BEFORE = `${COMMON}, "region" varchar NOT NULL, "year" integer, "min" integer, "max" integer, "version" integer NOT NULL DEFAULT (1), ${CONSTRAINTS}`;

/** SQLite: salary_bands with new column definitions, keeping every row and both indexes. */
async function rebuildBands(runner: QueryRunner, columns: string): Promise<void> {
  await runner.query('DROP INDEX "IDX_806442f8f37c0e60ae7831f0f8"');
  await runner.query('DROP INDEX "IDX_c24d9b1c55bd569bf815216713"');
  await runner.query(`CREATE TABLE "temporary_salary_bands" (${columns})`);
  await runner.query(
    `INSERT INTO "temporary_salary_bands"(${KEPT}) SELECT ${KEPT} FROM "salary_bands"`,
  );
  await runner.query('DROP TABLE "salary_bands"');
  await runner.query('ALTER TABLE "temporary_salary_bands" RENAME TO "salary_bands"');
  await runner.query(
    'CREATE INDEX "IDX_806442f8f37c0e60ae7831f0f8" ON "salary_bands" ("role_id") ',
  );
  await runner.query(
    'CREATE INDEX "IDX_c24d9b1c55bd569bf815216713" ON "salary_bands" ("level_id") ',
  );
}
