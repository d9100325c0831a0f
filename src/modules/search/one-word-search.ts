import { SearchDoc } from './documents';
import { ImpactCursor, ImpactLists } from './impact-lists';
import { FIELD_WEIGHT, NODE_TYPES, Segment } from './inverted-index';
import { NameQuery, tierOf } from './name-tiers';
import { B, K1, priorByType, shareOf, TYPO_WEIGHT } from './scoring';
import { EngineHit, EngineResult, WordMatch } from './engine-result';
import { lowerBound, MAX_PREFIX_TERMS, rangeKey, SegmentImpact } from './segment-impact';
import { TopK } from './top-k';

/** The one word's IDF, for shareOf (reused: searches run one at a time). */
const ONE_IDF = new Float64Array(1);

/** Deleted documents times a prefix's terms past which a one-word search scores every match instead. */
const MAX_DEAD_PROBES = 20_000;

/** What a one-word search reads of the index (search-engine.ts's SearchIndex). */
export interface OneWordIndex {
  base: Segment;
  overlay: Segment;
  impact: SegmentImpact;
  dead: ReadonlySet<number>;
  deadMask: Uint8Array | null;
  docLength: Uint32Array;
  docType: Uint16Array;
  liveCount: number;
  liveLength: number;
  /** A one-word search matching fewer documents than this scores them all instead. */
  scanBelow: number;
  termRanges(seg: Segment, m: Pick<WordMatch, 'stems' | 'prefix'>): [number, number][];
  nameQuery(seg: Segment, matches: WordMatch[]): NameQuery;
  docOf(d: number): SearchDoc;
  /** Arrays by document number (both segments) for one search at a time; `seen` all 0 between searches. */
  scratch(): { score: Float64Array; tier: Uint8Array; seen: Uint8Array };
}

/**
 * `search` for one word with no type filter, without scoring every match. The counts come from
 * the base segment's postings by type (one term) or its counts per prefix (a prefix's terms),
 * less the deleted documents. The best hits are read from lists in score order, one kind of
 * name match after another (a name equal to the word, equal stemmed, holding it, holding its
 * stem, then the rest: the term's list, or the prefix's with each document's occurrences
 * summed), each only until no later document can rank among those kept. The name lists count
 * the stem's prefix terms (SegmentImpact.stemEnd); where the search counts fewer (a word too
 * short to be a prefix, a typo), their scores are upper bounds and each document read is scored
 * exactly. The small segment is scored in full. Null when the word matches too many terms, or
 * too few documents for the lists to be worth reading (scanBelow).
 */
export function searchOneWord(
  index: OneWordIndex,
  m: WordMatch,
  limit: number,
): EngineResult | null {
  const { base, overlay, impact } = index;
  if (!impact.keysInDocOrder || m.stems.size !== 1 || m.words.size !== 1) return null;
  const [[from, to]] = index.termRanges(base, m);
  if (to - from > MAX_PREFIX_TERMS || index.dead.size * (to - from) > MAX_DEAD_PROBES) return null;
  const prefixList = to - from > 1 ? impact.prefixList.get(rangeKey(base, from, to)) : undefined;
  if (to - from > 1 && prefixList === undefined) return null;
  if (base.termStart[to] - base.termStart[from] < index.scanBelow) return null;
  const { docLength, docType, deadMask } = index;
  const b = base.docs.length;
  const { termStart, postingDoc, postingFreq } = base;
  /** Document d's occurrences of the terms, weighted (0 when it has none). */
  const freqOf = (d: number) => {
    let f = 0;
    for (let t = from; t < to; t++) {
      const at = lowerBound(postingDoc, d, termStart[t], termStart[t + 1]);
      if (at < termStart[t + 1] && postingDoc[at] === d) f += postingFreq[at];
    }
    return f;
  };

  // every live match, counted by type
  const perType = new Uint32Array(NODE_TYPES.length);
  if (to - from === 1) {
    for (let t = 0, at = from * perType.length; t < perType.length; t++)
      perType[t] = impact.termTypeCounts[at + t];
  } else if (to - from > 1) {
    perType.set(impact.prefixCounts.get(rangeKey(base, from, to)) as Uint32Array);
  }
  for (const d of index.dead) if (to > from && freqOf(d) > 0) perType[docType[d]]--;
  const recent = new Map<number, number>();
  for (const [first, end] of index.termRanges(overlay, m))
    for (let i = overlay.termStart[first]; i < overlay.termStart[end]; i++) {
      const d = b + overlay.postingDoc[i];
      recent.set(d, (recent.get(d) ?? 0) + overlay.postingFreq[i]);
    }
  for (const d of recent.keys()) perType[docType[d]]++;
  let hits = 0;
  for (let t = 0; t < perType.length; t++) hits += perType[t];

  // scored exactly as scan() scores a one-word query
  const idf =
    Math.log(1 + (index.liveCount - hits + 0.5) / (hits + 0.5)) * (m.typo ? TYPO_WEIGHT : 1);
  ONE_IDF[0] = idf;
  const share = shareOf(1, ONE_IDF, 1);
  const prior = priorByType();
  const avgLength = index.liveLength / (index.liveCount || 1);
  const scoreOf = (d: number, f: number) => {
    const norm = K1 * (1 - B + (B * docLength[d]) / avgLength);
    let score = 0;
    score += (idf * f * (K1 + 1)) / (f + norm);
    return score * (share * prior[docType[d]]);
  };
  const inBase = index.nameQuery(base, [m]);
  const inOverlay = index.nameQuery(overlay, [m]);
  // per document scored: its score, tier and a mark, in arrays kept per index (cleared below)
  const { score, tier, seen } = index.scratch();
  const scored: number[] = [];
  const found: number[] = [];
  for (const [d, f] of recent) {
    score[d] = scoreOf(d, f);
    tier[d] = f >= FIELD_WEIGHT.alias ? tierOf(overlay, d - b, inOverlay) : 0;
    seen[d] = 1;
    scored.push(d);
    found.push(d);
  }

  // the base's best `limit`, tier by tier: each tier's documents are all in one list
  const stem = base.termNumber.get([...m.stems][0]) ?? -1;
  const word = base.wordNumber.get([...m.words][0]) ?? -1;
  // the name lists count the terms from the stem to stemEnd: exactly this search's, or more
  const namesExact = stem >= 0 && stem === from && impact.stemEnd[stem] === to;
  const sources: [ImpactLists, number, boolean][] = [
    [impact.soloStems, stem, namesExact],
    [impact.soloStems, stem, namesExact],
    [impact.nameWords, word, namesExact],
    [impact.nameStems, stem, namesExact],
    to - from === 1 ? [impact.terms, from, true] : [impact.prefixes, prefixList ?? -1, true],
  ];
  let kept = 0;
  for (let i = 0; i < sources.length && kept < limit; i++) {
    const [lists, list, exact] = sources[i];
    const level = 4 - i;
    if (list < 0) continue;
    const need = limit - kept;
    const top = new TopK(need, (x, y) => (score[x] !== score[y] ? score[x] < score[y] : x > y));
    // read best first; where the list counts more terms than the search, its scores are bounds
    const cursor = new ImpactCursor(lists, list, docLength, scoreOf);
    while (!cursor.done) {
      if (top.size === need) {
        const worst = top.worst;
        const bar = score[worst];
        if (cursor.best < bar) break;
        if (cursor.best === bar && cursor.doc > worst) {
          cursor.skipSameLength();
          continue;
        }
      }
      const d = cursor.doc;
      const f = exact ? cursor.freq : freqOf(d);
      cursor.next();
      if (deadMask !== null && deadMask[d] === 1) continue;
      const t = f >= FIELD_WEIGHT.alias ? tierOf(base, d, inBase) : 0;
      if (t !== level || seen[d] === 1) continue;
      score[d] = scoreOf(d, f);
      tier[d] = t;
      seen[d] = 1;
      scored.push(d);
      top.offer(d);
    }
    const best = top.best();
    found.push(...best);
    kept += best.length;
  }
  inBase.clear();
  inOverlay.clear();

  // base documents are in key order (keysInDocOrder): they tie by number, without comparing keys
  const ranked = found
    .sort(
      (x, y) =>
        tier[y] - tier[x] ||
        score[y] - score[x] ||
        (x < b && y < b ? x - y : index.docOf(x).key < index.docOf(y).key ? -1 : 1),
    )
    .slice(0, limit);
  const words = [m];
  const result = ranked.map((d) => new EngineHit(index.docOf(d), score[d], tier[d], 1, words));
  for (const d of scored) seen[d] = 0;
  return new EngineResult(result, hits, perType, words);
}
