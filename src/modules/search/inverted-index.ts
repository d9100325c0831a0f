import { stem, tokens } from './porter-tokenizer';

/** One row of `search_documents`: a node and the text it is found by. */
export interface SearchDocument {
  nodeType: string;
  slug: string;
  title: string;
  body: string;
}

/** Each word of the title counts ten times, each of the body once (as bm25(..., 10.0, 1.0) did). */
const TITLE_WEIGHT = 10;
const BODY_WEIGHT = 1;

/** Documents indexed between two yields to the event loop. */
const SLICE = 500;

/**
 * Documents numbered in (node type, slug) order, so that a type is a range of numbers and the
 * lower number wins a tie; every distinct stem, sorted, so that a prefix is a range of terms;
 * and the postings of each term, by document, in flat typed arrays.
 */
export interface InvertedIndex {
  typeNames: string[];
  docType: Uint16Array;
  docSlug: string[];
  /** Words in the document, title and body. */
  docLength: Uint32Array;
  terms: string[];
  /** The postings of terms[t] are at termStart[t] .. termStart[t + 1] - 1. */
  termStart: Uint32Array;
  postingDoc: Uint32Array;
  /** The term's occurrences in the document, weighted by column. */
  postingFreq: Uint32Array;
}

const byTypeThenSlug = (a: SearchDocument, b: SearchDocument) =>
  a.nodeType < b.nodeType ? -1 : a.nodeType > b.nodeType ? 1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Indexes the documents, each word folded and stemmed as SQLite's porter tokenizer does. Yields
 * to the event loop every few hundred documents, so that requests are still answered while a
 * large graph is indexed.
 */
export async function buildInvertedIndex(input: SearchDocument[], pause: () => Promise<void> = nextTurn): Promise<InvertedIndex> {
  const docs = [...input].sort(byTypeThenSlug);
  const typeNames: string[] = [];
  const docType = new Uint16Array(docs.length);
  const docLength = new Uint32Array(docs.length);
  const termIds = new Map<string, number>();
  const termOfWord = new Map<string, number>();
  const postings = new Triples();
  // the current document's weighted count of each term id, and the ids it has
  const counts: number[] = [];
  const seen: number[] = [];
  const count = (text: string, weight: number) => {
    const words = tokens(text);
    for (const word of words) {
      let id = termOfWord.get(word);
      if (id === undefined) {
        const stemmed = stem(word);
        id = termIds.get(stemmed);
        if (id === undefined) termIds.set(stemmed, (id = termIds.size));
        termOfWord.set(word, id);
      }
      if (!counts[id]) {
        counts[id] = 0;
        seen.push(id);
      }
      counts[id] += weight;
    }
    return words.length;
  };
  for (let d = 0; d < docs.length; d++) {
    if (d % SLICE === SLICE - 1) await pause();
    const doc = docs[d];
    if (typeNames[typeNames.length - 1] !== doc.nodeType) typeNames.push(doc.nodeType);
    docType[d] = typeNames.length - 1;
    docLength[d] = count(doc.title, TITLE_WEIGHT) + count(doc.body, BODY_WEIGHT);
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
  return { typeNames, docType, docSlug: docs.map((d) => d.slug), docLength, terms, termStart, postingDoc, postingFreq };
}

/** Triples of unsigned integers in growing typed arrays, in the order added. */
class Triples {
  a: Uint32Array = new Uint32Array(1024);
  b: Uint32Array = new Uint32Array(1024);
  c: Uint32Array = new Uint32Array(1024);
  size = 0;

  add(a: number, b: number, c: number): void {
    if (this.size === this.a.length) [this.a, this.b, this.c] = [grow(this.a), grow(this.b), grow(this.c)];
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
