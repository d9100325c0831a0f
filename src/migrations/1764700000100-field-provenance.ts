import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Field-level provenance on certifications, credentials and salary bands (which links and
 * fields are stated, which editorial), and on salary bands whom a figure is about and what it
 * measures, so figures for the same thing are served side by side.
 */
export class FieldProvenance1764700000100 implements MigrationInterface {
  name = 'FieldProvenance1764700000100';

  async up(runner: QueryRunner): Promise<void> {
    const varchar = runner.connection.options.type === 'postgres' ? 'character varying' : 'varchar';
    for (const table of ['certifications', 'credentials', 'salary_bands'])
      await runner.query(`ALTER TABLE "${table}" ADD COLUMN "provenance" text`);
    await runner.query(`ALTER TABLE "salary_bands" ADD COLUMN "applies_to" ${varchar}`);
    await runner.query(`ALTER TABLE "salary_bands" ADD COLUMN "topic" ${varchar}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "salary_bands" DROP COLUMN "topic"');
    await runner.query('ALTER TABLE "salary_bands" DROP COLUMN "applies_to"');
    for (const table of ['certifications', 'credentials', 'salary_bands'])
      await runner.query(`ALTER TABLE "${table}" DROP COLUMN "provenance"`);
  }
}
