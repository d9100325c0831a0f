import { MigrationInterface, QueryRunner } from 'typeorm';

/** Skills' related terms: nearby things that are not the skill, kept apart from its aliases (true synonyms). */
export class RelatedTerms1764400000005 implements MigrationInterface {
  name = 'RelatedTerms1764400000005';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "skills" ADD COLUMN "related_terms" text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "skills" DROP COLUMN "related_terms"');
  }
}
