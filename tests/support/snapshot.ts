import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * A fingerprint of every entity table (row count and a hash of the rows, order-independent):
 * equal fingerprints before and after a request mean it changed nothing.
 */
export async function snapshot(db: DataSource): Promise<Record<string, string>> {
  const tables = [...new Set(db.entityMetadatas.map((m) => m.tableName))].sort();
  const result: Record<string, string> = {};
  for (const table of tables) {
    const rows: unknown[] = await db.query(`SELECT * FROM "${table}"`);
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    result[table] =
      `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return result;
}
