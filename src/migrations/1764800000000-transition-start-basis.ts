import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a career transition's starting level is known (issue 14, item 9): STATED when a cited span
 * names it, EDITORIAL (with a rationale) when the sources name only the destination. Existing
 * moves read STATED until the seeds say otherwise.
 */
export class TransitionStartBasis1764800000000 implements MigrationInterface {
  name = 'TransitionStartBasis1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    const varchar10 =
      runner.connection.options.type === 'postgres' ? 'character varying(10)' : 'varchar(10)';
    await runner.query(
      `ALTER TABLE "career_transitions" ADD COLUMN "start_basis" ${varchar10} NOT NULL DEFAULT 'STATED'`,
    );
    await runner.query('ALTER TABLE "career_transitions" ADD COLUMN "start_rationale" text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "career_transitions" DROP COLUMN "start_rationale"');
    await runner.query('ALTER TABLE "career_transitions" DROP COLUMN "start_basis"');
  }
}
