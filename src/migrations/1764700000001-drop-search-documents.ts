import { MigrationInterface, QueryRunner } from 'typeorm';
import { SearchIndex1764079260000 } from './1764079260000-search-index';

/**
 * Drops `search_documents` (FTS5 on SQLite, a table with a generated tsvector on PostgreSQL):
 * search builds its index in process from the graph's tables and updates it from the change feed,
 * so nothing writes or reads it any more. `down` brings back the empty table as 1764079260000
 * made it (nothing refills it).
 */
export class DropSearchDocuments1764700000001 implements MigrationInterface {
  name = 'DropSearchDocuments1764700000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS "search_documents"');
  }

  async down(runner: QueryRunner): Promise<void> {
    await new SearchIndex1764079260000().up(runner);
  }
}
