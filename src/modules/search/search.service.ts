import { DataSource } from 'typeorm';
import { readGraphVersion } from '../../core/cache/graph-version';
import { perGraphVersion, VersionScope } from '../../core/graph-snapshot';
import { fold, stem } from './porter-tokenizer';
import { buildInvertedIndex } from './inverted-index';
import { Phrase, SearchEngine } from './search-engine';

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

/** The words of a query as the index looks them up: stemmed, each also as a prefix when long enough. */
export function queryPhrases(text: string): Phrase[] {
  return queryWords(text).map((w) => ({ term: stem(fold(w)), prefix: w.length >= MIN_PREFIX }));
}

/**
 * The search index, built in this process once per graph version from `search_documents` (which
 * every write keeps up to date in its transaction, on either engine), so both engines rank alike.
 */
const searchEngine = perGraphVersion(async (db) => {
  const rows: { node_type: string; slug: string; title: string | null; body: string | null }[] = await db.query(
    'SELECT node_type, slug, title, body FROM search_documents',
  );
  const docs = rows.map((r) => ({ nodeType: r.node_type, slug: r.slug, title: r.title ?? '', body: r.body ?? '' }));
  return new SearchEngine(await buildInvertedIndex(docs));
});

/** A request's scope, or for a caller that has only the database, one that reads the version now. */
const scopeOf = (from: VersionScope | DataSource): VersionScope =>
  from instanceof DataSource ? { loaders: { db: from, graphVersion: () => readGraphVersion(from) } } : from;

/**
 * Ranks indexed nodes by relevance to `text`, best first: BM25 as SQLite's FTS5 computes it, names
 * weighing ten times the prose; a query whose words match nothing gives nothing. Scores are
 * positive and comparable within one search only. Pass the request context where there is one,
 * so the graph version is read once per request.
 */
export async function searchIndex(from: VersionScope | DataSource, text: string, options: SearchOptions): Promise<IndexHit[]> {
  const phrases = queryPhrases(text);
  if (phrases.length === 0) return [];
  const engine = await searchEngine(scopeOf(from));
  return engine.search(phrases, options).map((h) => ({ ...h, score: Math.round(h.score * 1e6) / 1e6 }));
}
