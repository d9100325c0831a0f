import { InvertedIndex } from './inverted-index';
import { TopK } from './top-k';

/** A stemmed query word, matched as a whole word or as the start of any word. */
export interface Phrase {
  term: string;
  prefix: boolean;
}

export interface EngineHit {
  nodeType: string;
  slug: string;
  score: number;
}

export interface EngineQuery {
  /** Only nodes of these types (all when absent or empty). */
  types?: string[];
  limit: number;
}

// BM25 with FTS5's constants and its IDF floor for a phrase found in half the documents or more
const K1 = 1.2;
const B = 0.75;
const K1_PLUS_1 = K1 + 1.0;
const MIN_IDF = 1e-6;

/**
 * Ranks an inverted index as SQLite's FTS5 bm25() does, OR-ing the phrases. A query costs a pass
 * over the postings of its terms and a heap of `limit` entries, never a sort of every match.
 */
export class SearchEngine {
  /** k1 * (1 - b + b * length / average length), per document, written as FTS5 computes it. */
  private readonly docNorm: Float64Array;
  // scratch per document, zero between queries: a query runs synchronously, start to end
  private readonly scores: Float64Array;
  private readonly phraseFreq: Float64Array;
  private readonly touched: Uint32Array;
  private readonly phraseDocs: Uint32Array;

  constructor(private readonly index: InvertedIndex) {
    const n = index.docSlug.length;
    const averageLength = index.docLength.reduce((sum, length) => sum + length, 0) / n || 1;
    this.docNorm = Float64Array.from(index.docLength, (length) => K1 * (1 - B + (B * length) / averageLength));
    this.scores = new Float64Array(n);
    this.phraseFreq = new Float64Array(n);
    this.touched = new Uint32Array(n);
    this.phraseDocs = new Uint32Array(n);
  }

  get size(): number {
    return this.index.docSlug.length;
  }

  /**
   * The best `limit` documents matching any phrase: score descending, then node type and slug
   * ascending. A phrase adds idf * f * (k1 + 1) / (f + norm) to a document's score, f being its
   * weighted occurrences there (for a prefix, of every word it starts).
   */
  search(phrases: Phrase[], query: EngineQuery): EngineHit[] {
    const allowed = this.typeMask(query.types);
    if (!allowed || this.size === 0 || query.limit < 1) return [];
    const { scores, touched, index } = this;
    let matched = 0;
    for (const phrase of phrases) {
      const [from, to] = this.termRange(phrase);
      if (from < to) matched = this.addPhrase(from, to, matched);
    }
    const hits = this.best(matched, allowed, query.limit).map((d) => ({
      nodeType: index.typeNames[index.docType[d]],
      slug: index.docSlug[d],
      score: scores[d],
    }));
    for (let i = 0; i < matched; i++) scores[touched[i]] = 0;
    return hits;
  }

  /** Adds the phrase made of terms from..to-1 to the scores; returns the new count of matched documents. */
  private addPhrase(from: number, to: number, matched: number): number {
    const { scores, touched, docNorm } = this;
    const { termStart, postingDoc, postingFreq } = this.index;
    if (to - from === 1) {
      const start = termStart[from];
      const end = termStart[to];
      const idf = this.idf(end - start);
      for (let i = start; i < end; i++) {
        const d = postingDoc[i];
        const f = postingFreq[i];
        if (scores[d] === 0) touched[matched++] = d;
        scores[d] += idf * ((f * K1_PLUS_1) / (f + docNorm[d]));
      }
      return matched;
    }
    // several words start with the prefix: their occurrences add up, and a document counts once
    const { phraseFreq, phraseDocs } = this;
    let hits = 0;
    for (let i = termStart[from], end = termStart[to]; i < end; i++) {
      const d = postingDoc[i];
      if (phraseFreq[d] === 0) phraseDocs[hits++] = d;
      phraseFreq[d] += postingFreq[i];
    }
    const idf = this.idf(hits);
    for (let j = 0; j < hits; j++) {
      const d = phraseDocs[j];
      const f = phraseFreq[d];
      phraseFreq[d] = 0;
      if (scores[d] === 0) touched[matched++] = d;
      scores[d] += idf * ((f * K1_PLUS_1) / (f + docNorm[d]));
    }
    return matched;
  }

  /** FTS5's IDF of a phrase found in `hits` documents: ln((N - hits + 0.5) / (hits + 0.5)), at least 1e-6. */
  private idf(hits: number): number {
    const idf = Math.log((this.size - hits + 0.5) / (hits + 0.5));
    return idf <= 0 ? MIN_IDF : idf;
  }

  /** The terms equal to the phrase's, or starting with it: a range of the sorted terms. */
  private termRange({ term, prefix }: Phrase): [number, number] {
    const { terms } = this.index;
    const from = firstWhereNot(terms, (t) => t < term, 0);
    if (!prefix) return terms[from] === term ? [from, from + 1] : [from, from];
    return [from, firstWhereNot(terms, (t) => t.startsWith(term), from)];
  }

  /** Which type numbers may be returned, or null when none may. */
  private typeMask(types: string[] | undefined): Uint8Array | null {
    const mask = new Uint8Array(this.index.typeNames.length);
    if (!types?.length) return mask.fill(1);
    this.index.typeNames.forEach((name, i) => (mask[i] = types.includes(name) ? 1 : 0));
    return mask.includes(1) ? mask : null;
  }

  /** The best `limit` matched documents of an allowed type, best first. */
  private best(matched: number, allowed: Uint8Array, limit: number): number[] {
    const { scores, touched } = this;
    const { docType } = this.index;
    // a lower score ranks below, then the later (type, slug)
    const top = new TopK(limit, (a, b) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b));
    for (let i = 0; i < matched; i++) if (allowed[docType[touched[i]]]) top.offer(touched[i]);
    return top.best();
  }
}

/** The first index from `from` on where `before` no longer holds; it holds for a leading run of the list. */
function firstWhereNot(sorted: string[], before: (t: string) => boolean, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
