import { MigrationInterface, QueryRunner } from 'typeorm';

/** A basis and a rationale on each skill importance grade; every grade so far is a curator's (EDITORIAL). */
export class GradeBasis1764400000003 implements MigrationInterface {
  name = 'GradeBasis1764400000003';

  async up(runner: QueryRunner): Promise<void> {
    const varchar10 =
      runner.connection.options.type === 'postgres' ? 'character varying(10)' : 'varchar(10)';
    await runner.query(
      `ALTER TABLE "skill_requirements" ADD COLUMN "importance_basis" ${varchar10} NOT NULL DEFAULT 'EDITORIAL'`,
    );
    await runner.query('ALTER TABLE "skill_requirements" ADD COLUMN "importance_rationale" text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "skill_requirements" DROP COLUMN "importance_rationale"');
    await runner.query('ALTER TABLE "skill_requirements" DROP COLUMN "importance_basis"');
  }
}
