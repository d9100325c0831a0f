import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full-text search index: an FTS5 table on SQLite; on PostgreSQL a table whose weighted
 * tsvector (names above prose) is kept by the database and indexed with GIN.
 */
export class SearchIndex1764079260000 implements MigrationInterface {
  name = 'SearchIndex1764079260000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      await runner.query(`CREATE TABLE "search_documents" (
        "node_type" varchar(40) NOT NULL,
        "slug" varchar NOT NULL,
        "title" text NOT NULL,
        "body" text NOT NULL,
        "document" tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "body"), 'B')
        ) STORED,
        PRIMARY KEY ("node_type", "slug"))`);
      await runner.query(
        'CREATE INDEX "IDX_search_documents_document" ON "search_documents" USING GIN ("document")',
      );
      return;
    }
    await runner.query(
      `CREATE VIRTUAL TABLE "search_documents" USING fts5(
        node_type UNINDEXED, slug UNINDEXED, title, body,
        tokenize = 'porter unicode61 remove_diacritics 2')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS "search_documents"');
  }
}
