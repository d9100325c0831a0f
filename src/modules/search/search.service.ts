import { DataSource } from 'typeorm';

export interface IndexHit {
  nodeType: string;
  slug: string;
  score: number;
}

/** Words too common to say anything about relevance. */
const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from how i in is it me my of on or so the to what when where which who why with you your'.split(' '),
);

/** The words of a query as an FTS5 expression: any word, each also as a prefix. */
export function ftsQuery(text: string): string | null {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w)).slice(0, 12);
  if (words.length === 0) return null;
  return [...new Set(words)].map((w) => (w.length >= 3 ? `"${w}"*` : `"${w}"`)).join(' OR ');
}

/**
 * Ranks indexed nodes by relevance to `text` (BM25, names weighing ten times the prose), best
 * first; a query whose words match nothing gives nothing.
 */
export async function searchIndex(
  db: DataSource,
  text: string,
  options: { types?: string[]; limit: number },
): Promise<IndexHit[]> {
  const match = ftsQuery(text);
  if (!match) return [];
  const typeFilter = options.types?.length ? `AND node_type IN (${options.types.map(() => '?').join(', ')})` : '';
  const rows: { node_type: string; slug: string; rank: number }[] = await db.query(
    `SELECT node_type, slug, bm25(search_documents, 0, 0, 10.0, 1.0) AS rank
       FROM search_documents
      WHERE search_documents MATCH ? ${typeFilter}
      ORDER BY rank ASC, node_type ASC, slug ASC
      LIMIT ?`,
    [match, ...(options.types ?? []), options.limit],
  );
  return rows.map((r) => ({ nodeType: r.node_type, slug: r.slug, score: Math.round(-r.rank * 1e6) / 1e6 }));
}
