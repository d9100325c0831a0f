import { SearchDoc } from './documents';
import { stem, tokens } from './porter-tokenizer';
import { buildTypoIndex, TypoIndex } from './typo-index';

/** How much one occurrence of a word counts, by where it is: a node's own names above related names above prose. */
export const FIELD_WEIGHT = { name: 10, alias: 8, related: 3, body: 1 } as const;

/** Query words too common to say anything about relevance; left out of names' phrases too. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by can do does for from how i in is it me my of on or so the to what when where which who why with you your'.split(
    ' ',
  ),
);

/** Every kind of document seen, numbered in order of first sight, so per-document data is a typed array. */
export const NODE_TYPES: string[] = [];
const typeNumbers = new Map<string, number>();
export function typeNumber(nodeType: string): number {
  let n = typeNumbers.get(nodeType);
  if (n === undefined) {
    typeNumbers.set(nodeType, (n = NODE_TYPES.length));
    NODE_TYPES.push(nodeType);
  }
  return n;
}

/** Documents indexed between two yields to the event loop. */
const SLICE = 500;

/**
 * One immutable part of the index: its documents, numbered from 0 in (type, slug) order; every
 * distinct stem, sorted, so that a prefix is a range of terms; the postings of each term in flat
 * typed arrays; and the surface words, for typo matches. The live index is a large base segment
 * plus a small one holding the documents written since (search-index.ts).
 */
export interface Segment {
  docs: SearchDoc[];
  byKey: Map<string, number>;
  /** Each document's type, numbered as in NODE_TYPES. */
  docType: Uint16Array;
  /**
   * The names and aliases of the documents, each as word numbers (into `words`) and stem numbers
   * (into `terms`), stop words left out: document d's names are names docName[d] to
   * docName[d + 1] - 1, and name k's words are at nameStart[k] to nameStart[k + 1] - 1.
   */
  docName: Uint32Array;
  nameStart: Uint32Array;
  nameWord: Uint32Array;
  nameStem: Uint32Array;
  /** Words in the document, every field. */
  docLength: Uint32Array;
  totalLength: number;
  terms: string[];
  /**
   * A term's number (its place in `terms`), and where the terms it is a prefix of end: a query
   * word is found by a hash lookup rather than by a binary search, whose dozen string comparisons
   * each read a string elsewhere on the heap (in a loaded server, most of them cache misses).
   */
  termNumber: Map<string, number>;
  prefixEnd: Uint32Array;
  /** The postings of terms[t] are at termStart[t] .. termStart[t + 1] - 1, by document. */
  termStart: Uint32Array;
  postingDoc: Uint32Array;
  /** The term's occurrences in the document, weighted by field. */
  postingFreq: Uint32Array;
  /** Every distinct folded word, and its stem. */
  words: string[];
  /** A word's place in `words`. */
  wordNumber: Map<string, number>;
  wordStem: string[];
  /** The words filed for typo lookups (null for a vocabulary too large to file: then they are scanned). */
  typos: TypoIndex | null;
  /** Key of a related record -> the documents carrying its name. */
  dependents: Map<string, number[]>;
}

const byKey = (a: SearchDoc, b: SearchDoc) =>
  a.nodeType < b.nodeType
    ? -1
    : a.nodeType > b.nodeType
      ? 1
      : a.slug < b.slug
        ? -1
        : a.slug > b.slug
          ? 1
          : 0;

/** Resolves on the event loop's next turn, after pending I/O. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const stemCache = new Map<string, string>();
/**
 * The stem of a folded word of our own text, remembered (the vocabulary is small next to the
 * text). Not for a query's words: a stranger's distinct words would fill it (queryStem).
 */
export function stemOf(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stem(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** The stem of a query's word: the one kept when the word is ours (most searches), else worked out and not kept. */
export const queryStem = (word: string): string => stemCache.get(word) ?? stem(word);

/** How many stems are kept now: for tests. */
export const keptStems = () => stemCache.size;

/** A name or alias as folded words, stop words left out, for exact and phrase matches. */
const nameWords = (text: string): string[] => tokens(text).filter((w) => !STOP_WORDS.has(w));

/**
 * Indexes the documents, each word folded and stemmed as SQLite's porter tokenizer does. Yields
 * to the event loop every few hundred documents when `pause` is given, so that requests are
 * still answered while a large graph is indexed.
 */
export async function buildSegment(
  input: SearchDoc[],
  pause: (() => Promise<void>) | null = nextTurn,
): Promise<Segment> {
  const docs = [...input].sort(byKey);
  const docLength = new Uint32Array(docs.length);
  const termIds = new Map<string, number>();
  const surface = new Map<string, string>();
  const postings = new Triples();
  const dependents = new Map<string, number[]>();
  const counts: number[] = [];
  const seen: number[] = [];
  let totalLength = 0;
  const count = (text: string, weight: number) => {
    const words = tokens(text);
    for (const word of words) {
      let stemmed = surface.get(word);
      if (stemmed === undefined) surface.set(word, (stemmed = stemOf(word)));
      let id = termIds.get(stemmed);
      if (id === undefined) termIds.set(stemmed, (id = termIds.size));
      if (!counts[id]) {
        counts[id] = 0;
        seen.push(id);
      }
      counts[id] += weight;
    }
    return words.length;
  };
  const names: string[][][] = [];
  for (let d = 0; d < docs.length; d++) {
    if (pause && d % SLICE === SLICE - 1) await pause();
    const doc = docs[d];
    let length = count(doc.name, FIELD_WEIGHT.name);
    for (const alias of doc.aliases) length += count(alias, FIELD_WEIGHT.alias);
    for (const related of [...doc.related, doc.label])
      length += count(related, FIELD_WEIGHT.related);
    length += count(doc.body, FIELD_WEIGHT.body);
    docLength[d] = length;
    totalLength += length;
    names.push([doc.name, ...doc.aliases].map(nameWords));
    for (const dep of doc.deps) dependents.set(dep, [...(dependents.get(dep) ?? []), d]);
    for (const id of seen) {
      postings.add(id, d, counts[id]);
      counts[id] = 0;
    }
    seen.length = 0;
  }

  const terms = [...termIds.keys()].sort();
  const rank = new Uint32Array(terms.length);
  terms.forEach((t, i) => (rank[termIds.get(t) as number] = i));
  const termStart = new Uint32Array(terms.length + 1);
  for (let i = 0; i < postings.size; i++) termStart[rank[postings.a[i]] + 1]++;
  for (let t = 0; t < terms.length; t++) termStart[t + 1] += termStart[t];
  const next = termStart.slice(0, terms.length);
  const postingDoc = new Uint32Array(postings.size);
  const postingFreq = new Uint32Array(postings.size);
  // documents were visited in order, so each term's postings come out sorted by document
  for (let i = 0; i < postings.size; i++) {
    const at = next[rank[postings.a[i]]]++;
    postingDoc[at] = postings.b[i];
    postingFreq[at] = postings.c[i];
  }
  const words = [...surface.keys()].sort();
  const wordNumber = new Map(words.map((w, i) => [w, i]));
  const docName = new Uint32Array(docs.length + 1);
  const nameStart: number[] = [0];
  const nameWord: number[] = [];
  const nameStem: number[] = [];
  names.forEach((forms, d) => {
    for (const form of forms) {
      // every word of a name was counted above, so it has a number and its stem a term
      for (const w of form) {
        nameWord.push(wordNumber.get(w) as number);
        nameStem.push(rank[termIds.get(surface.get(w) as string) as number]);
      }
      nameStart.push(nameWord.length);
    }
    docName[d + 1] = nameStart.length - 1;
  });
  return {
    docs,
    byKey: new Map(docs.map((d, i) => [d.key, i])),
    docType: Uint16Array.from(docs, (d) => typeNumber(d.nodeType)),
    docName,
    nameStart: Uint32Array.from(nameStart),
    nameWord: Uint32Array.from(nameWord),
    nameStem: Uint32Array.from(nameStem),
    docLength,
    totalLength,
    terms,
    termNumber: new Map(terms.map((t, i) => [t, i])),
    prefixEnd: prefixEnds(terms),
    termStart,
    postingDoc,
    postingFreq,
    words,
    wordNumber,
    wordStem: words.map((w) => surface.get(w) as string),
    typos: await buildTypoIndex(words, pause),
    dependents,
  };
}

/** Triples of unsigned integers in growing typed arrays, in the order added. */
class Triples {
  a: Uint32Array = new Uint32Array(1024);
  b: Uint32Array = new Uint32Array(1024);
  c: Uint32Array = new Uint32Array(1024);
  size = 0;

  add(a: number, b: number, c: number): void {
    if (this.size === this.a.length)
      [this.a, this.b, this.c] = [grow(this.a), grow(this.b), grow(this.c)];
    this.a[this.size] = a;
    this.b[this.size] = b;
    this.c[this.size++] = c;
  }
}

function grow(array: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * For each of the sorted strings, the end of the run after it that starts with it (its own
 * index + 1 when none does). One pass with a stack of the strings still open: in sorted order,
 * the strings a string starts come right after it.
 */
export function prefixEnds(sorted: string[]): Uint32Array {
  const end = new Uint32Array(sorted.length);
  const open: number[] = [];
  for (let j = 0; j < sorted.length; j++) {
    while (open.length && !sorted[j].startsWith(sorted[open[open.length - 1]]))
      end[open.pop() as number] = j;
    open.push(j);
  }
  for (const i of open) end[i] = sorted.length;
  return end;
}

/** The first index from `from` on where `before` no longer holds; it holds for a leading run of the list. */
export function firstWhereNot(
  sorted: string[],
  before: (t: string) => boolean,
  from: number,
): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
