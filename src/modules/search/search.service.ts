import { DataSource } from 'typeorm';
import { readGraphVersion } from '../../core/cache/graph-version';
import { GraphDelta, perGraphVersion, VersionScope } from '../../core/graph-snapshot';
import { MaybePromise, then } from '../../core/maybe-promise';
import { loadDocuments, SEARCHED_TYPES } from './documents';
import { snippetOf } from './highlight';
import { queryStem, STOP_WORDS } from './inverted-index';
import { tokens } from './porter-tokenizer';
import { EngineHit, EngineResult, Facet, QueryWord, SearchIndex, WordMatch } from './search-engine';

export interface IndexHit {
  nodeType: string;
  slug: string;
  score: number;
}

export interface SearchHitResult extends IndexHit {
  /** The query's words this hit matched; for a typo, the word of ours it was taken for. */
  matchedTerms: string[];
  /** A short passage of our text with the matched words marked **like this**, or null. */
  snippet: string | null;
}

export interface SearchResults {
  hits: SearchHitResult[];
  /** Every match of the allowed types, not only the hits returned. */
  total: number;
  /** Matches per type, adding up to `total`, most first. */
  facets: Facet[];
  /** The query with each misspelt word replaced by the word it was taken for, or null when none was. */
  didYouMean: string | null;
}

interface SearchOptions {
  types?: string[];
  limit: number;
}

/** Words shorter than this match whole words only; longer ones also match as prefixes. */
const MIN_PREFIX = 3;
/** A query's words beyond this many are ignored. */
const MAX_WORDS = 12;
/** Each step of EngineHit.tier (a name equal to the query, containing it...) adds this to a score. */
const TIER_STEP = 1000;

/** The distinct, meaningful words of a query (folded letters and digits), at most twelve. */
export function queryWords(text: string): string[] {
  return [...new Set(tokens(text).filter((w) => !STOP_WORDS.has(w)))].slice(0, MAX_WORDS);
}

/** The words of a query as the index looks them up: stemmed, each also a prefix when 3 letters or more. */
export const queryTerms = (text: string): QueryWord[] =>
  queryWords(text).map((word) => ({
    word,
    stem: queryStem(word),
    prefix: word.length >= MIN_PREFIX,
  }));

/** How often this process built the index from the tables, and updated it from the change feed instead. */
export const searchIndexStats = { builds: 0, updates: 0 };

/** Kinds of record whose text is part of another's document, keyed alike: a lifecycle's exam codes are its certification's. */
const OWNER_KIND: Record<string, string> = { CertificationLifecycle: 'Certification' };

/**
 * The index brought forward by a delta: the documents of the records it touched, and of the
 * documents carrying the name of one whose name changed (or that is gone): other documents hold
 * only a related record's name (documents.ts), so a description written leaves them as they were.
 */
async function applyDelta(
  previous: SearchIndex,
  delta: GraphDelta,
  db: DataSource,
): Promise<SearchIndex> {
  const touched = new Set(
    delta.changes
      .map((c) => ({ ...c, kind: OWNER_KIND[c.kind] ?? c.kind }))
      .filter((c) => SEARCHED_TYPES.has(c.kind))
      .map((c) => `${c.kind}:${c.key}`),
  );
  if (!touched.size) return previous;
  const docs = await loadDocuments(db, touched);
  const found = new Map(docs.map((d) => [d.key, d]));
  const renamed = [...touched].filter(
    (key) => found.get(key)?.name !== previous.document(key)?.name,
  );
  const dependents = [...previous.dependentsOf(renamed)].filter((key) => !touched.has(key));
  if (dependents.length)
    for (const doc of await loadDocuments(db, new Set(dependents))) found.set(doc.key, doc);
  searchIndexStats.updates++;
  return previous.withChanges(
    [...found.values()],
    [...touched, ...dependents].filter((key) => !found.has(key)),
  );
}

/**
 * The search index, built in this process from the graph's tables (documents.ts) once, then kept
 * in step with the graph: the first request after a write updates it for the records the write
 * touched (the change feed names them) and those carrying their names, so both engines rank alike.
 */
const liveIndex = perGraphVersion(
  async (db) => {
    searchIndexStats.builds++;
    return SearchIndex.build(await loadDocuments(db));
  },
  { update: applyDelta },
);

/** A request's scope, or for a caller that has only the database, one that reads the version now. */
const scopeOf = (from: VersionScope | DataSource): VersionScope =>
  from instanceof DataSource
    ? { loaders: { db: from, graphVersion: () => readGraphVersion(from) } }
    : from;

/** A request's scope whose version may be known without waiting (src/core/loaders.ts). */
type RequestScope = VersionScope & { loaders: { graphVersionNow?(): number | undefined } };

/**
 * The index as of the request's graph version: at once when that version's is built (most
 * requests, so a search answers without a promise), else when it is.
 */
function indexFor(from: RequestScope | DataSource): MaybePromise<SearchIndex> {
  if (!(from instanceof DataSource)) {
    const version = from.loaders.graphVersionNow?.();
    const built = version === undefined ? undefined : liveIndex.peek(from.loaders.db, version);
    if (built) return built;
  }
  return liveIndex(scopeOf(from));
}

/** The index as of the request's graph version (for tests and the evaluation). */
export const searchIndexOf = (from: VersionScope | DataSource): Promise<SearchIndex> =>
  liveIndex(scopeOf(from));

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * A hit whose matched terms and snippet are worked out when first read: most queries ask for
 * neither, and a snippet (our text tokenized and stemmed) costs more than finding the hit.
 */
class Hit implements SearchHitResult {
  readonly nodeType: string;
  readonly slug: string;
  readonly score: number;
  readonly #found: EngineHit;
  #snippet: string | null | undefined;

  constructor(found: EngineHit) {
    this.#found = found;
    this.nodeType = found.nodeType;
    this.slug = found.slug;
    this.score = round(found.tier * TIER_STEP + found.score);
  }

  get matchedTerms(): string[] {
    return this.#found.matched.map((m) => m.shown);
  }

  get snippet(): string | null {
    if (this.#snippet === undefined)
      this.#snippet = snippetOf(this.#found.doc, this.#found.matched);
    return this.#snippet;
  }
}

/** One search's answer, as kept for the next identical search: the hits, and the engine's counts. */
interface Found {
  hits: Hit[];
  result: EngineResult;
}

/**
 * Answers kept per index, so per graph version (the index a write brings has none), by the
 * query's words, the types and the number of hits asked for. Bounded: at most MEMO_ENTRIES per
 * index, the least recently used dropped first, and only answers of at most MEMO_MAX_HITS hits
 * (a first page) to queries whose key is at most MEMO_MAX_KEY characters. The same few words
 * are searched for again and again (and a results page asks again for its facets); an answer
 * kept is a few kilobytes, its snippets worked out at most once.
 */
const MEMO_ENTRIES = 256;
const MEMO_MAX_HITS = 100;
const MEMO_MAX_KEY = 512;
const memos = new WeakMap<SearchIndex, Map<string, Found>>();

let keepAnswers = true;
/**
 * Whether searches keep answers (on unless the `search-answers` layer is off: BENCH_LAYERS_OFF,
 * src/core/layers.ts). The benchmark turns it off in every cache-off server, since a kept answer
 * is a response cache for repeated queries and the cache-off figures measure the search itself.
 */
export function keepSearchAnswers(on: boolean): void {
  keepAnswers = on;
}

/** How many answers an index keeps now (for tests of the bound). */
export const keptAnswers = (index: SearchIndex): number => memos.get(index)?.size ?? 0;

function find(index: SearchIndex, words: QueryWord[], options: SearchOptions): Found {
  let key: string | undefined;
  let memo: Map<string, Found> | undefined;
  if (keepAnswers && options.limit <= MEMO_MAX_HITS) {
    const types = options.types?.length ? [...new Set(options.types)].sort().join(',') : '*';
    key = `${options.limit} ${types} ${words.map((w) => w.word).join(' ')}`;
    if (key.length > MEMO_MAX_KEY) key = undefined;
    memo = memos.get(index);
    const known = key === undefined ? undefined : memo?.get(key);
    if (memo && known) {
      memo.delete(key as string); // to the most recently used end
      memo.set(key as string, known);
      return known;
    }
  }
  const result = index.search(words, options);
  const found = { hits: result.hits.map((h) => new Hit(h)), result };
  if (key !== undefined) {
    if (!memo) memos.set(index, (memo = new Map()));
    memo.set(key, found);
    if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  }
  return found;
}

function didYouMean(text: string, words: WordMatch[]): string | null {
  const typos = words.filter((w) => w.typo);
  if (!typos.length) return null;
  let corrected = text;
  for (const t of typos)
    corrected = corrected.replace(
      new RegExp(
        `(?<![\\p{L}\\p{N}])${t.word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
        'giu',
      ),
      t.shown,
    );
  return corrected.trim();
}

/** searchGraph's answer: the facets and the corrected query are worked out when first read. */
class Results implements SearchResults {
  readonly hits: SearchHitResult[];
  readonly total: number;
  readonly #found: Found;
  readonly #text: string;
  #didYouMean: string | null | undefined;

  constructor(text: string, found: Found) {
    this.hits = found.hits;
    this.total = found.result.total;
    this.#found = found;
    this.#text = text;
  }

  get facets(): Facet[] {
    return this.#found.result.facets;
  }

  get didYouMean(): string | null {
    if (this.#didYouMean === undefined)
      this.#didYouMean = didYouMean(this.#text, this.#found.result.words);
    return this.#didYouMean;
  }
}

/**
 * Everything matching `text`, best first: nodes whose name or alias equals the query, then those
 * whose name contains it as a phrase, then by BM25 over names, aliases, related names and prose
 * (weighted in that order) times the share of the query's words found. A word that matches
 * nothing, 5 letters or more, matches our words within one edit (two from 9 letters), counting
 * half. Pass the request context where there is one, so the graph version is read once.
 */
export function searchGraph(
  from: RequestScope | DataSource,
  text: string,
  options: SearchOptions,
): MaybePromise<SearchResults> {
  const words = queryTerms(text);
  if (!words.length) return { hits: [], total: 0, facets: [], didYouMean: null };
  return then(indexFor(from), (index) => new Results(text, find(index, words, options)));
}

/** The hits of searchGraph alone: node type, slug and score, best first. */
export async function searchIndex(
  from: VersionScope | DataSource,
  text: string,
  options: SearchOptions,
): Promise<IndexHit[]> {
  const words = queryTerms(text);
  if (!words.length) return [];
  const index = await liveIndex(scopeOf(from));
  return index.search(words, options).hits.map((h) => ({
    nodeType: h.nodeType,
    slug: h.slug,
    score: round(h.tier * TIER_STEP + h.score),
  }));
}
