import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citation anchors: each citation may name its span (code-point offsets and the SHA-256 of the
 * normalised text), and each source records the hash of its document and its outline of headings.
 * Only nullable columns are added, so existing rows stay valid. The same statements on both engines
 * apart from the type names.
 */
export class CitationSpans1764400000000 implements MigrationInterface {
  name = 'CitationSpans1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    const varchar64 =
      runner.connection.options.type === 'postgres' ? 'character varying(64)' : 'varchar(64)';
    await runner.query('ALTER TABLE "citations" ADD COLUMN "span_start" integer');
    await runner.query('ALTER TABLE "citations" ADD COLUMN "span_end" integer');
    await runner.query(`ALTER TABLE "citations" ADD COLUMN "span_sha256" ${varchar64}`);
    await runner.query(`ALTER TABLE "sources" ADD COLUMN "sha256" ${varchar64}`);
    await runner.query('ALTER TABLE "sources" ADD COLUMN "sections" text');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const column of ['span_start', 'span_end', 'span_sha256'])
      await runner.query(`ALTER TABLE "citations" DROP COLUMN "${column}"`);
    for (const column of ['sha256', 'sections'])
      await runner.query(`ALTER TABLE "sources" DROP COLUMN "${column}"`);
  }
}
