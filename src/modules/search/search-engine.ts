import { SearchDoc } from './documents';
import { EngineHit, EngineResult, QueryWord, SearchOptions, WordMatch } from './engine-result';
import {
  buildSegment,
  FIELD_WEIGHT,
  firstWhereNot,
  nextTurn,
  NODE_TYPES,
  Segment,
} from './inverted-index';
import { NameQuery, tierOf } from './name-tiers';
import { OneWordIndex, searchOneWord } from './one-word-search';
import { B, K1, priorByType, shareOf, TYPO_WEIGHT } from './scoring';
import { buildSegmentImpact, SegmentImpact } from './segment-impact';
import { TopK } from './top-k';
import { closeWords } from './typo-index';
import { allowedEdits } from './typos';

export type { Facet, QueryWord, SearchOptions, WordMatch } from './engine-result';
export { EngineHit, EngineResult } from './engine-result';

/** Words of one query looked up as typos at most; the rest of the unknown words match nothing. */
const MAX_TYPO_LOOKUPS = 3;

const EMPTY: SearchDoc[] = [];

/**
 * The in-process index of one graph version: a base segment, a small segment of the documents
 * written since it was built, and the base documents those replaced or deleted. An update makes a
 * new index sharing the base (the old one stays as it was, for requests still using it); when the
 * small segment grows past a share of the base, the two are merged.
 */
export class SearchIndex {
  /**
   * A one-word search matching fewer documents than this scores them all: on a small graph that
   * is quicker than reading the lists in score order (both find the same hits). 128, not 256:
   * in a loaded server, scoring "java"'s 195 matches at 10x cost more than reading its lists
   * (the `search` scenario at 10x 1.04x to 1.08x the requests per CPU second).
   */
  static scanBelow = 128;

  private scratch: {
    score: Float64Array;
    freq: Float64Array;
    mask: Uint32Array;
    named: Uint32Array;
    tier: Uint8Array;
    touched: Uint32Array;
    hit: Uint32Array;
    /** By word, and by set of words (a mask): their IDF, and the share of the query they make. */
    idf: Float64Array;
    shares: Float64Array;
  } | null = null;

  /** Per document of both segments (base first): its length, its type's number, and for the base whether it is dead. */
  private readonly docLength: Uint32Array;
  private readonly docType: Uint16Array;
  private readonly deadMask: Uint8Array | null;
  private readonly marks = new Map<Segment, { word: Uint16Array; stem: Uint16Array }>();

  private constructor(
    readonly base: Segment,
    /** The base segment's lists in score order, for one-word searches. */
    private readonly impact: SegmentImpact,
    readonly overlay: Segment,
    /** Base document numbers no longer live. */
    readonly dead: ReadonlySet<number>,
    private readonly liveCount: number,
    private readonly liveLength: number,
  ) {
    const b = base.docs.length;
    this.docLength = new Uint32Array(b + overlay.docs.length);
    this.docLength.set(base.docLength);
    this.docLength.set(overlay.docLength, b);
    this.docType = new Uint16Array(b + overlay.docs.length);
    this.docType.set(base.docType);
    this.docType.set(overlay.docType, b);
    this.deadMask = dead.size ? new Uint8Array(b) : null;
    for (const d of dead) (this.deadMask as Uint8Array)[d] = 1;
  }

  static async build(docs: SearchDoc[]): Promise<SearchIndex> {
    const base = await buildSegment(docs);
    const prior = priorByType();
    const impact = await buildSegmentImpact(
      base,
      Float64Array.from(base.docType, (t) => prior[t]),
      nextTurn,
    );
    return new SearchIndex(
      base,
      impact,
      await buildSegment(EMPTY, null),
      new Set(),
      base.docs.length,
      base.totalLength,
    );
  }

  get size(): number {
    return this.liveCount;
  }

  /** Whether the small segment holds anything (the index was updated since it was built or merged). */
  get updatedDocs(): number {
    return this.overlay.docs.length;
  }

  /** Every live document, in no particular order. */
  documents(): SearchDoc[] {
    return [...this.base.docs.filter((_, i) => !this.dead.has(i)), ...this.overlay.docs];
  }

  /** The live document under `key`, if any. */
  document(key: string): SearchDoc | undefined {
    const inOverlay = this.overlay.byKey.get(key);
    if (inOverlay !== undefined) return this.overlay.docs[inOverlay];
    const at = this.base.byKey.get(key);
    return at === undefined || this.dead.has(at) ? undefined : this.base.docs[at];
  }

  /** Keys of the live documents carrying the name of one of these records. */
  dependentsOf(keys: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const key of keys) {
      for (const d of this.base.dependents.get(key) ?? [])
        if (!this.dead.has(d)) out.add(this.base.docs[d].key);
      for (const d of this.overlay.dependents.get(key) ?? []) out.add(this.overlay.docs[d].key);
    }
    return out;
  }

  /** A new index with these documents added or replaced and these keys gone; this one is left as it was. */
  async withChanges(upserts: SearchDoc[], removed: Iterable<string>): Promise<SearchIndex> {
    const dead = new Set(this.dead);
    const recent = new Map(this.overlay.docs.map((d) => [d.key, d]));
    for (const key of [...removed, ...upserts.map((d) => d.key)]) {
      const at = this.base.byKey.get(key);
      if (at !== undefined) dead.add(at);
      recent.delete(key);
    }
    for (const doc of upserts) recent.set(doc.key, doc);
    const docs = [...recent.values()];
    if (docs.length + dead.size > Math.max(200, this.base.docs.length / 8)) {
      return SearchIndex.build([...this.base.docs.filter((_, i) => !dead.has(i)), ...docs]);
    }
    const overlay = await buildSegment(docs, null);
    let length = overlay.totalLength + this.base.totalLength;
    for (const d of dead) length -= this.base.docLength[d];
    return new SearchIndex(
      this.base,
      this.impact,
      overlay,
      dead,
      this.base.docs.length - dead.size + docs.length,
      length,
    );
  }

  /** The query words resolved: exact or prefix terms, else (long enough words) close words of ours. */
  resolve(words: QueryWord[]): WordMatch[] {
    let lookups = 0;
    return words.map((q) => {
      const exact: WordMatch = {
        word: q.word,
        shown: q.word,
        typo: false,
        stems: new Set([q.stem]),
        words: new Set([q.word]),
        prefix: q.prefix,
      };
      if (this.liveHits(exact, 1) > 0) return exact;
      const max = allowedEdits(q.word);
      // three at most, as the ranking was judged with (tests/search-eval)
      if (max === 0 || ++lookups > MAX_TYPO_LOOKUPS) return exact;
      const close: { word: string; stem: string; distance: number }[] = [];
      for (const [seg] of this.segments()) {
        for (const { id, distance } of closeWords(seg.typos, seg.words, q.word, max))
          close.push({ word: seg.words[id], stem: seg.wordStem[id], distance });
      }
      // words only the replaced or deleted documents had are not ours any more
      const live = close
        .map((c) => ({ ...c, hits: this.liveHits({ stems: new Set([c.stem]), prefix: false }) }))
        .filter((c) => c.hits > 0);
      const nearest = Math.min(...live.map((c) => c.distance));
      const closest = live.filter((c) => c.distance === nearest);
      if (!closest.length) return exact;
      closest.sort((a, b) => b.hits - a.hits || (a.word < b.word ? -1 : 1));
      return {
        word: q.word,
        shown: closest[0].word,
        typo: true,
        stems: new Set(closest.map((c) => c.stem)),
        words: new Set(closest.map((c) => c.word)),
        prefix: false,
      };
    });
  }

  /**
   * The best `limit` live documents matching any word, of the allowed types: names equal to or
   * containing the query first (tier), then BM25 over the weighted fields times the share of the
   * query's words the document has; ties by type and slug. `total` and `facets` count every match.
   */
  search(words: QueryWord[], options: SearchOptions): EngineResult {
    const matches = this.resolve(words);
    if (matches.length === 1 && !options.types?.length) {
      const found = searchOneWord(this.oneWordView(), matches[0], Math.max(0, options.limit));
      if (found) return found;
    }
    return this.scan(matches, options);
  }

  /** The same answer as `search`, always found by scoring every match (the reference the shortcuts must agree with). */
  searchExhaustive(words: QueryWord[], options: SearchOptions): EngineResult {
    return this.scan(this.resolve(words), options);
  }

  /** Scores every live document matching any of the words, then keeps the best. */
  private scan(matches: WordMatch[], options: SearchOptions): EngineResult {
    const b = this.base.docs.length;
    const n = b + this.overlay.docs.length;
    const count = matches.length;
    const all = 2 ** count - 1;
    if (!this.scratch || this.scratch.shares.length <= all) {
      this.scratch = {
        score: new Float64Array(n),
        freq: new Float64Array(n),
        mask: new Uint32Array(n),
        named: new Uint32Array(n),
        tier: new Uint8Array(n),
        touched: new Uint32Array(n),
        hit: new Uint32Array(n),
        idf: new Float64Array(Math.max(count, 12)),
        shares: new Float64Array(2 ** Math.max(count, 12)),
      };
    }
    // named: the words found often enough to be in a name or alias (one there weighs at least
    // FIELD_WEIGHT.alias); only a document with all of them can have a name matching the query
    const { score, freq, mask, named, tier: tiers, touched, hit, idf: wordIdf } = this.scratch;
    const { docLength, docType, deadMask } = this;
    const avgLength = this.liveLength / (this.liveCount || 1);
    let matched = 0;
    for (let g = 0; g < count; g++) {
      const m = matches[g];
      let hits = 0;
      for (let s = 0; s < 2; s++) {
        const seg = s === 0 ? this.base : this.overlay;
        const offset = s === 0 ? 0 : b;
        const dead = s === 0 ? deadMask : null;
        const { termStart, postingDoc, postingFreq } = seg;
        for (const [from, to] of this.termRanges(seg, m)) {
          for (let i = termStart[from], end = termStart[to]; i < end; i++) {
            const local = postingDoc[i];
            if (dead !== null && dead[local] === 1) continue;
            const d = offset + local;
            if (freq[d] === 0) hit[hits++] = d;
            freq[d] += postingFreq[i];
          }
        }
      }
      const idf =
        Math.log(1 + (this.liveCount - hits + 0.5) / (hits + 0.5)) * (m.typo ? TYPO_WEIGHT : 1);
      wordIdf[g] = idf;
      for (let j = 0; j < hits; j++) {
        const d = hit[j];
        const f = freq[d];
        freq[d] = 0;
        const norm = K1 * (1 - B + (B * docLength[d]) / avgLength);
        if (mask[d] === 0) touched[matched++] = d;
        mask[d] |= 1 << g;
        if (f >= FIELD_WEIGHT.alias) named[d] |= 1 << g;
        score[d] += (idf * f * (K1 + 1)) / (f + norm);
      }
    }

    // per type number: whether asked for, how many matched, its prior
    const types = NODE_TYPES.length;
    const allowed = options.types?.length ? new Uint8Array(types) : null;
    for (const type of options.types ?? []) {
      const t = NODE_TYPES.indexOf(type);
      if (t >= 0 && allowed) allowed[t] = 1;
    }
    const perType = new Uint32Array(types);
    const prior = priorByType();
    // the share of the query a set of words makes, by the set (a mask), worked out once each
    const shares = this.scratch.shares.fill(-1, 0, all + 1);
    const inBase = this.nameQuery(this.base, matches);
    const inOverlay = this.nameQuery(this.overlay, matches);
    // base documents in key order tie by number, sparing a string comparison per tie
    const byNumber = this.impact.keysInDocOrder ? b : 0;
    const top = new TopK(Math.max(0, options.limit), (x, y) => {
      if (tiers[x] !== tiers[y]) return tiers[x] < tiers[y];
      if (score[x] !== score[y]) return score[x] < score[y];
      if (x < byNumber && y < byNumber) return x > y;
      return this.docOf(x).key > this.docOf(y).key;
    });
    let total = 0;
    for (let i = 0; i < matched; i++) {
      const d = touched[i];
      const t = docType[d];
      if (allowed !== null && allowed[t] === 0) continue;
      total++;
      perType[t]++;
      let share = shares[mask[d]];
      if (share < 0) share = shares[mask[d]] = shareOf(mask[d], wordIdf, count);
      score[d] *= share * prior[t];
      if (named[d] === all)
        tiers[d] = d < b ? tierOf(this.base, d, inBase) : tierOf(this.overlay, d - b, inOverlay);
      top.offer(d);
    }
    inBase.clear();
    inOverlay.clear();
    const best = top.best();
    const hits: EngineHit[] = [];
    for (const d of best)
      hits.push(new EngineHit(this.docOf(d), score[d], tiers[d], mask[d], matches));
    for (let i = 0; i < matched; i++) {
      const d = touched[i];
      score[d] = 0;
      mask[d] = 0;
      named[d] = 0;
      tiers[d] = 0;
    }
    return new EngineResult(hits, total, perType, matches);
  }

  private view: OneWordIndex | null = null;

  /** What searchOneWord reads of this index (made once). */
  private oneWordView(): OneWordIndex {
    return (this.view ??= {
      base: this.base,
      overlay: this.overlay,
      impact: this.impact,
      dead: this.dead,
      deadMask: this.deadMask,
      docLength: this.docLength,
      docType: this.docType,
      liveCount: this.liveCount,
      liveLength: this.liveLength,
      scanBelow: SearchIndex.scanBelow,
      termRanges: (seg, m) => this.termRanges(seg, m),
      nameQuery: (seg, matches) => this.nameQuery(seg, matches),
      docOf: (d) => this.docOf(d),
      scratch: () => {
        const n = this.base.docs.length + this.overlay.docs.length;
        return (this.oneWordScratch ??= {
          score: new Float64Array(n),
          tier: new Uint8Array(n),
          seen: new Uint8Array(n),
        });
      },
    });
  }

  private oneWordScratch: { score: Float64Array; tier: Uint8Array; seen: Uint8Array } | null = null;

  /** How many live documents a word matches, counting up to `enough`. */
  private liveHits(m: Pick<WordMatch, 'stems' | 'prefix'>, enough = Infinity): number {
    let hits = 0;
    for (const [seg, offset] of this.segments()) {
      const dead = offset === 0 ? this.deadMask : null;
      for (const [from, to] of this.termRanges(seg, m)) {
        for (let i = seg.termStart[from], end = seg.termStart[to]; i < end && hits < enough; i++) {
          if (dead === null || dead[seg.postingDoc[i]] === 0) hits++;
        }
      }
    }
    return hits;
  }

  private segs: [Segment, number][] | null = null;

  /** Both segments with the number of the first document of each (made once). */
  private segments(): [Segment, number][] {
    return (this.segs ??= [
      [this.base, 0],
      [this.overlay, this.base.docs.length],
    ]);
  }

  private docOf(d: number): SearchDoc {
    const b = this.base.docs.length;
    return d < b ? this.base.docs[d] : this.overlay.docs[d - b];
  }

  /**
   * Marks, for tierOf, which query words each of a segment's words and stems stands for (bit g
   * for the g-th); clear() takes the marks away again. The mark arrays are kept per index.
   */
  private nameQuery(seg: Segment, matches: WordMatch[]): NameQuery {
    if (!seg.docs.length) return { length: matches.length, word: NO_MARKS, stem: NO_MARKS, clear };
    let marks = this.marks.get(seg);
    if (!marks) {
      marks = { word: new Uint16Array(seg.words.length), stem: new Uint16Array(seg.terms.length) };
      this.marks.set(seg, marks);
    }
    const { word, stem } = marks;
    const set: [Uint16Array, number][] = [];
    const mark = (number: Map<string, number>, into: Uint16Array, of: Set<string>, g: number) => {
      for (const x of of) {
        const i = number.get(x);
        if (i === undefined) continue;
        into[i] |= 1 << g;
        set.push([into, i]);
      }
    };
    matches.forEach((m, g) => {
      mark(seg.wordNumber, word, m.words, g);
      mark(seg.termNumber, stem, m.stems, g);
    });
    return { length: matches.length, word, stem, clear: () => set.forEach(([a, i]) => (a[i] = 0)) };
  }

  /** The ranges of a segment's sorted terms a word matches: its stem (or each close word's), or every term it starts. */
  private termRanges(seg: Segment, m: Pick<WordMatch, 'stems' | 'prefix'>): [number, number][] {
    return rangesOf(seg, m);
  }
}

const NO_MARKS = new Uint16Array(0);
const clear = () => undefined;

function rangesOf(seg: Segment, m: Pick<WordMatch, 'stems' | 'prefix'>): [number, number][] {
  const { terms } = seg;
  const out: [number, number][] = [];
  for (const term of m.stems) {
    const at = seg.termNumber.get(term);
    if (at !== undefined) {
      out.push([at, m.prefix ? seg.prefixEnd[at] : at + 1]);
      continue;
    }
    // a word that is no term of ours: where it would be (empty), or the terms it starts
    const from = firstWhereNot(terms, (t) => t < term, 0);
    if (!m.prefix) out.push(terms[from] === term ? [from, from + 1] : [from, from]);
    else out.push([from, firstWhereNot(terms, (t) => t.startsWith(term), from)]);
  }
  return out;
}
