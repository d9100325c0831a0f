import { buildImpactLists, ImpactLists } from './impact-lists';
import { NODE_TYPES, Segment } from './inverted-index';

/**
 * A segment's documents as lists in score order (impact-lists.ts), so that a one-word search
 * reads the few best matches of each kind of name match instead of scoring every match:
 * by term, every document holding it; by term, the documents with a name holding it, and with a
 * one-word name of that stem; by word, the documents with a name holding it.
 */
export interface SegmentImpact {
  terms: ImpactLists;
  /** By prefix (key: rangeKey, to the list's number), the documents holding any of its terms, their occurrences summed. */
  prefixes: ImpactLists;
  prefixList: Map<number, number>;
  /**
   * The name lists count, for a stem, its occurrences and those of the longer terms it starts
   * (a prefix search's, when there are at most MAX_PREFIX_TERMS): the terms from the stem up to
   * stemEnd[stem] - 1. A search of other terms reads them as upper bounds.
   */
  stemEnd: Uint32Array;
  nameStems: ImpactLists;
  soloStems: ImpactLists;
  nameWords: ImpactLists;
  /** How many documents hold term t, by type number u: at t * NODE_TYPES.length + u. */
  termTypeCounts: Uint32Array;
  /** Whether document order is key order, so that a tie between two documents is settled by their numbers. */
  keysInDocOrder: boolean;
  /** By prefix (key: rangeKey), how many documents hold any of its terms, by type number. */
  prefixCounts: Map<number, Uint32Array>;
}

/** Documents gone through between two yields to the event loop (postings: twenty times as many). */
const SLICE = 1000;

/** A prefix matching more terms than this is searched by scoring every match. */
export const MAX_PREFIX_TERMS = 16;

/** The key of the terms from .. to - 1 in SegmentImpact.prefixCounts. */
export const rangeKey = (seg: Segment, from: number, to: number): number =>
  from * (seg.terms.length + 1) + to;

/** Where `value` would go in the ascending `sorted` between from and to. */
export function lowerBound(sorted: Uint32Array, value: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Triples in growing typed arrays. */
class Pairs {
  list: Uint32Array;
  doc: Uint32Array;
  freq: Uint32Array;
  size = 0;

  constructor(capacity: number) {
    this.list = new Uint32Array(Math.max(16, capacity));
    this.doc = new Uint32Array(Math.max(16, capacity));
    this.freq = new Uint32Array(Math.max(16, capacity));
  }

  add(list: number, doc: number, freq: number): void {
    if (this.size === this.list.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      [this.list, this.doc, this.freq] = [grow(this.list), grow(this.doc), grow(this.freq)];
    }
    this.list[this.size] = list;
    this.doc[this.size] = doc;
    this.freq[this.size++] = freq;
  }
}

/**
 * The segment's lists in score order; `docPrior` is each document's type prior. Yields to the
 * event loop now and then when `pause` is given (a large graph takes a second or so).
 */
export async function buildSegmentImpact(
  seg: Segment,
  docPrior: Float64Array,
  pause: (() => Promise<void>) | null,
): Promise<SegmentImpact> {
  const { termStart, postingDoc, postingFreq, docLength, docName, nameStart, nameWord, nameStem } =
    seg;
  const termOf = new Uint32Array(postingDoc.length);
  for (let t = 0; t < seg.terms.length; t++) termOf.fill(t, termStart[t], termStart[t + 1]);
  const stemEnd = new Uint32Array(seg.terms.length);
  for (let t = 0; t < seg.terms.length; t++) {
    const end = seg.prefixEnd[t];
    stemEnd[t] = end - t <= MAX_PREFIX_TERMS ? end : t + 1;
  }
  /** Document d's occurrences of stem t and the terms it starts (see stemEnd). */
  const freqOf = (t: number, d: number) => {
    let f = 0;
    for (let u = t; u < stemEnd[t]; u++) {
      const at = lowerBound(postingDoc, d, termStart[u], termStart[u + 1]);
      if (at < termStart[u + 1] && postingDoc[at] === d) f += postingFreq[at];
    }
    return f;
  };

  const nameStems = new Pairs(nameStem.length);
  const soloStems = new Pairs(seg.docs.length);
  const nameWords = new Pairs(nameWord.length);
  const stems = new Set<number>();
  const solos = new Set<number>();
  /** A name word's number -> its stem's. */
  const words = new Map<number, number>();
  for (let d = 0; d < seg.docs.length; d++) {
    if (pause && d % SLICE === SLICE - 1) await pause();
    for (let k = docName[d]; k < docName[d + 1]; k++) {
      for (let i = nameStart[k]; i < nameStart[k + 1]; i++) {
        stems.add(nameStem[i]);
        words.set(nameWord[i], nameStem[i]);
      }
      if (nameStart[k + 1] - nameStart[k] === 1) solos.add(nameStem[nameStart[k]]);
    }
    for (const t of stems) nameStems.add(t, d, freqOf(t, d));
    for (const t of solos) soloStems.add(t, d, freqOf(t, d));
    for (const [w, t] of words) nameWords.add(w, d, freqOf(t, d));
    stems.clear();
    solos.clear();
    words.clear();
  }

  let keysInDocOrder = true;
  for (let d = 0; d < seg.docs.length; d++) {
    if (d > 0 && !(seg.docs[d - 1].key < seg.docs[d].key)) keysInDocOrder = false;
  }
  const types = NODE_TYPES.length;
  const termTypeCounts = new Uint32Array(seg.terms.length * types);
  for (let t = 0; t < seg.terms.length; t++)
    for (let i = termStart[t]; i < termStart[t + 1]; i++)
      termTypeCounts[t * types + seg.docType[postingDoc[i]]]++;
  const prefixCounts = new Map<number, Uint32Array>();
  const prefixList = new Map<number, number>();
  const prefixes = new Pairs(postingDoc.length * 2);
  const stamp = new Uint32Array(seg.docs.length);
  const sum = new Uint32Array(seg.docs.length);
  const holding = new Uint32Array(seg.docs.length);
  let held = 0;
  let stamps = 0;
  let read = 0;
  for (const [from, to] of prefixRanges(seg.terms)) {
    if (to - from > MAX_PREFIX_TERMS) continue;
    read += termStart[to] - termStart[from];
    if (pause && read > SLICE * 20) {
      read = 0;
      await pause();
    }
    const counts = new Uint32Array(NODE_TYPES.length);
    stamps++;
    for (let i = termStart[from]; i < termStart[to]; i++) {
      const d = postingDoc[i];
      if (stamp[d] !== stamps) {
        stamp[d] = stamps;
        sum[d] = 0;
        holding[held++] = d;
        counts[seg.docType[d]]++;
      }
      sum[d] += postingFreq[i];
    }
    const list = prefixList.size;
    const docs = holding.subarray(0, held).sort();
    for (const d of docs) prefixes.add(list, d, sum[d]);
    held = 0;
    prefixList.set(rangeKey(seg, from, to), list);
    prefixCounts.set(rangeKey(seg, from, to), counts);
  }
  const lists = (count: number, pairs: Pairs) =>
    buildImpactLists(count, pairs, docLength, docPrior, pause);
  return {
    terms: await lists(seg.terms.length, {
      list: termOf,
      doc: postingDoc,
      freq: postingFreq,
      size: postingDoc.length,
    } as Pairs),
    prefixes: await lists(prefixList.size, prefixes),
    prefixList,
    stemEnd,
    nameStems: await lists(seg.terms.length, nameStems),
    soloStems: await lists(seg.terms.length, soloStems),
    nameWords: await lists(seg.words.length, nameWords),
    termTypeCounts,
    keysInDocOrder,
    prefixCounts,
  };
}

/**
 * Every range [from, to) of two or more of the sorted terms that is exactly the terms starting
 * with some prefix: the terms sharing their longest common prefix, found from the common prefix
 * lengths of neighbours with a stack (the lcp-intervals of a sorted list).
 */
export function prefixRanges(terms: readonly string[]): [number, number][] {
  const common = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  const out: [number, number][] = [];
  const stack: { lcp: number; from: number }[] = [{ lcp: 0, from: 0 }];
  for (let i = 1; i <= terms.length; i++) {
    const lcp = i < terms.length ? common(terms[i - 1], terms[i]) : 0;
    let from = i - 1;
    while (lcp < stack[stack.length - 1].lcp) {
      const open = stack.pop() as { lcp: number; from: number };
      out.push([open.from, i]);
      from = open.from;
    }
    if (lcp > stack[stack.length - 1].lcp) stack.push({ lcp, from });
  }
  return out;
}
