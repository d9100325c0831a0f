import { DataSource } from 'typeorm';

export interface IndexHit {
  nodeType: string;
  slug: string;
  score: number;
}

interface SearchOptions {
  types?: string[];
  limit: number;
}

/** Words too common to say anything about relevance. */
const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from how i in is it me my of on or so the to what when where which who why with you your'.split(' '),
);

/** Words shorter than this match whole words only; longer ones also match as prefixes. */
const MIN_PREFIX = 3;

/** The distinct, meaningful words of a query (letters and digits only), at most twelve. */
export function queryWords(text: string): string[] {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
  return [...new Set(words)].slice(0, 12);
}

/** The words of a query as an FTS5 expression: any word, each also as a prefix. */
export function ftsQuery(text: string): string | null {
  const words = queryWords(text);
  if (words.length === 0) return null;
  return words.map((w) => (w.length >= MIN_PREFIX ? `"${w}"*` : `"${w}"`)).join(' OR ');
}

/** The words of a query as PostgreSQL tsquery terms, one per word, each also as a prefix. */
export function tsQueryTerms(text: string): string[] {
  return queryWords(text).map((w) => (w.length >= MIN_PREFIX ? `${w}:*` : w));
}

type Row = { node_type: string; slug: string; score: number | string };

/** SQLite: FTS5's BM25, names (title) weighing ten times the prose (body). */
async function searchSqlite(db: DataSource, text: string, options: SearchOptions): Promise<Row[]> {
  const match = ftsQuery(text);
  if (!match) return [];
  const types = options.types ?? [];
  const typeFilter = types.length ? `AND node_type IN (${types.map(() => '?').join(', ')})` : '';
  return db.query(
    `SELECT node_type, slug, -bm25(search_documents, 0, 0, 10.0, 1.0) AS score
       FROM search_documents
      WHERE search_documents MATCH ? ${typeFilter}
      ORDER BY score DESC, node_type ASC, slug ASC
      LIMIT ?`,
    [match, ...types, options.limit],
  );
}

/**
 * PostgreSQL: the GIN-indexed tsvector (names weighted A, prose B). Each word's ts_rank, with
 * names weighing ten times the prose and divided by 1 + log(length) so that long texts
 * mentioning a word in passing do not outrank the node it names, is multiplied by the word's
 * inverse document frequency (as BM25 does on SQLite), so rarer words count for more.
 */
async function searchPostgres(db: DataSource, text: string, options: SearchOptions): Promise<Row[]> {
  const terms = tsQueryTerms(text);
  if (terms.length === 0) return [];
  const types = options.types ?? [];
  const typeFilter = types.length ? 'WHERE d.node_type = ANY($3)' : '';
  return db.query(
    `WITH terms AS (
       SELECT t.q, ln(1 + (n.total - c.hits + 0.5) / (c.hits + 0.5)) AS idf
         FROM unnest($1::text[]) AS w,
              LATERAL (SELECT to_tsquery('english', w) AS q) AS t,
              LATERAL (SELECT count(*) AS hits FROM search_documents WHERE document @@ t.q) AS c,
              (SELECT count(*) AS total FROM search_documents) AS n)
     SELECT d.node_type, d.slug, sum(terms.idf * ts_rank('{0, 0, 0.1, 1.0}', d.document, terms.q, 1)) AS score
       FROM search_documents AS d JOIN terms ON d.document @@ terms.q
       ${typeFilter}
      GROUP BY d.node_type, d.slug
      ORDER BY score DESC, d.node_type ASC, d.slug ASC
      LIMIT $2`,
    types.length ? [terms, options.limit, types] : [terms, options.limit],
  );
}

const ENGINES: Record<string, (db: DataSource, text: string, options: SearchOptions) => Promise<Row[]>> = {
  sqlite: searchSqlite,
  postgres: searchPostgres,
};

/**
 * Ranks indexed nodes by relevance to `text` (names weighing ten times the prose), best first;
 * a query whose words match nothing gives nothing. Scores are positive and comparable within
 * one search only.
 */
export async function searchIndex(db: DataSource, text: string, options: SearchOptions): Promise<IndexHit[]> {
  const search = ENGINES[db.options.type];
  if (!search) throw new Error(`search is not implemented for ${db.options.type}`);
  const rows = await search(db, text, options);
  return rows.map((r) => ({ nodeType: r.node_type, slug: r.slug, score: Math.round(Number(r.score) * 1e6) / 1e6 }));
}
