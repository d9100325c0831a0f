import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The graph's version: one row whose number rises, in the same transaction, with every write
 * that changes the graph. Replicas key their response caches by it, so a change seen by the
 * database is never answered from an older cache entry. The same statements on both engines.
 */
export class GraphState1764100000000 implements MigrationInterface {
  name = 'GraphState1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE "graph_state" ("id" integer NOT NULL PRIMARY KEY, "version" integer NOT NULL)',
    );
    await runner.query('INSERT INTO "graph_state" ("id", "version") VALUES (1, 1)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS "graph_state"');
  }
}
