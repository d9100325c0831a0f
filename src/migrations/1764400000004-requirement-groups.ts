import { MigrationInterface, QueryRunner } from 'typeorm';

/** Requirement groups: requirements of a level sharing a group are alternatives (any one meets them). */
export class RequirementGroups1764400000004 implements MigrationInterface {
  name = 'RequirementGroups1764400000004';

  async up(runner: QueryRunner): Promise<void> {
    const varchar60 =
      runner.connection.options.type === 'postgres' ? 'character varying(60)' : 'varchar(60)';
    await runner.query(
      `ALTER TABLE "skill_requirements" ADD COLUMN "requirement_group" ${varchar60}`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "skill_requirements" DROP COLUMN "requirement_group"');
  }
}
