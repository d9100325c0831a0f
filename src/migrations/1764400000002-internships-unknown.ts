import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unknown is not false (docs/quantities.md): employers.offers_internships
 * may be null, meaning the sources do not say. A stored false could never tell "the sources say
 * no" from "nobody knows" (the column defaulted to false), so every false becomes null; the
 * seeds state true or false where a source does. SQLite cannot drop NOT NULL in place, so the
 * table is rebuilt there (TypeORM turns foreign keys off while migrations run).
 */
export class InternshipsUnknown1764400000002 implements MigrationInterface {
  name = 'InternshipsUnknown1764400000002';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      await runner.query('ALTER TABLE "employers" ALTER COLUMN "offers_internships" DROP NOT NULL');
      await runner.query('ALTER TABLE "employers" ALTER COLUMN "offers_internships" DROP DEFAULT');
    } else {
      await rebuild(runner, '"offers_internships" boolean');
    }
    await runner.query(
      'UPDATE "employers" SET "offers_internships" = NULL WHERE "offers_internships" = false',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'UPDATE "employers" SET "offers_internships" = false WHERE "offers_internships" IS NULL',
    );
    if (runner.connection.options.type === 'postgres') {
      await runner.query('ALTER TABLE "employers" ALTER COLUMN "offers_internships" SET NOT NULL');
      await runner.query(
        'ALTER TABLE "employers" ALTER COLUMN "offers_internships" SET DEFAULT false',
      );
    } else {
      await rebuild(runner, '"offers_internships" boolean NOT NULL DEFAULT (0)');
    }
  }
}

const COLUMNS =
  '"id", "slug", "name", "work_areas", "offers_internships", "internship_focus", "version"';

async function rebuild(runner: QueryRunner, offersInternships: string): Promise<void> {
  await runner.query(
    'CREATE TABLE "temporary_employers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, ' +
      `"work_areas" text NOT NULL, ${offersInternships}, "internship_focus" text NOT NULL, "version" integer NOT NULL DEFAULT (1), ` +
      'CONSTRAINT "UQ_e457512b2f6302ccebb16d859e6" UNIQUE ("slug"))',
  );
  await runner.query(
    `INSERT INTO "temporary_employers"(${COLUMNS}) SELECT ${COLUMNS} FROM "employers"`,
  );
  await runner.query('DROP TABLE "employers"');
  await runner.query('ALTER TABLE "temporary_employers" RENAME TO "employers"');
}
