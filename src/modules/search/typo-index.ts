import { editDistance } from './typos';

/**
 * The words of a segment within a few edits of a query word, found without comparing the word
 * with every word of ours (SymSpell's idea): two words are within k edits (insertions, deletions,
 * substitutions, swaps of neighbours) only if deleting at most k letters from each gives the same
 * string, so each word of ours is filed under the strings its deletions make, and a query word
 * looks up its own. The strings are kept as 32-bit hashes, sorted, beside the word each came from
 * and how many letters it lost; a hash shared by chance only adds a candidate, and every
 * candidate is checked with editDistance, so the answer is exactly a scan's.
 */
export interface TypoIndex {
  /** Hashes of the deletion strings, ascending. */
  hashes: Uint32Array;
  /** Beside each hash: the word's number times 2, plus 1 when two letters were deleted. */
  entries: Uint32Array;
  /** Numbers of the words too long to file (each has hundreds of deletion strings): they are compared one by one. */
  long: Uint32Array;
}

/**
 * A query word of 5 letters or more may be 1 edit from ours (so ours has 4 or more), one of 9 or
 * more 2 edits (ours has 7 or more); lengths here are UTF-16 units, never fewer than letters.
 */
const ONE_EDIT_FROM = 4;
const TWO_EDITS_FROM = 7;

/** Longer words are not filed but compared with each query word (a long word is rare; its deletions are not). */
const LONGEST_FILED = 20;

/** Entries are below this (a word's number times 2, plus 1). */
const ENTRY_LIMIT = 2 ** 21;

/** Words filed between two yields to the event loop. */
const SLICE = 2000;

/** FNV-1a over the UTF-16 units of `s` but those at `skip1` and `skip2`: the hash of what deleting them leaves. */
function hashWithout(s: string, skip1: number, skip2: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++)
    if (i !== skip1 && i !== skip2) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Calls `each` with the hash of the word and of every string made by deleting up to `depth`
 * (1 or 2) of its units, with how many were deleted; no string is made.
 */
function deletions(word: string, depth: number, each: (h: number, deleted: number) => void): void {
  each(hashWithout(word, -1, -1), 0);
  for (let i = 0; i < word.length; i++) {
    each(hashWithout(word, i, -1), 1);
    if (depth === 2) for (let j = i + 1; j < word.length; j++) each(hashWithout(word, i, j), 2);
  }
}

/** Files `words` (a segment's sorted vocabulary) under their deletion strings; null past 2^20 words. */
export async function buildTypoIndex(
  words: readonly string[],
  pause: (() => Promise<void>) | null,
): Promise<TypoIndex | null> {
  if (words.length >= ENTRY_LIMIT / 2) return null;
  // hash × 2^21 + entry sorts by hash in one native numeric sort, and stays below 2^53 (exact)
  let keys = new Float64Array(1024);
  let size = 0;
  const long: number[] = [];
  for (let w = 0; w < words.length; w++) {
    if (pause && w % SLICE === SLICE - 1) await pause();
    const word = words[w];
    if (word.length < ONE_EDIT_FROM) continue;
    if (word.length > LONGEST_FILED) {
      long.push(w);
      continue;
    }
    deletions(word, word.length >= TWO_EDITS_FROM ? 2 : 1, (h, deleted) => {
      if (size === keys.length) {
        const bigger = new Float64Array(keys.length * 2);
        bigger.set(keys);
        keys = bigger;
      }
      keys[size++] = h * ENTRY_LIMIT + w * 2 + (deleted === 2 ? 1 : 0);
    });
  }
  const sorted = keys.subarray(0, size).sort();
  const hashes = new Uint32Array(size);
  const entries = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    hashes[i] = Math.floor(sorted[i] / ENTRY_LIMIT);
    entries[i] = sorted[i] - hashes[i] * ENTRY_LIMIT;
  }
  return { hashes, entries, long: Uint32Array.from(long) };
}

/** The first position whose hash is not below `h`. */
function lowerBound(hashes: Uint32Array, h: number): number {
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[mid] < h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many query words had their deletions worked out and looked up: for tests. */
export const typoLookupStats = { deletionLookups: 0 };

/**
 * The numbers of the words within `max` (1 or 2) edits of `query`, ascending, each with its
 * distance: the words a scan of `words` with editDistance finds (and does, without an index).
 */
export function closeWords(
  index: TypoIndex | null,
  words: readonly string[],
  query: string,
  max: number,
): { id: number; distance: number }[] {
  if (!index) return scanWords(words, query, max);
  const { hashes, entries } = index;
  const candidates = new Set<number>(index.long);
  const looked = new Set<number>();
  // no filed word (LONGEST_FILED units at most) is within `max` edits of a longer query: its
  // deletions (about 20 000 strings of 200 units for a word of 200) would find nothing
  if (query.length <= LONGEST_FILED + max) {
    typoLookupStats.deletionLookups++;
    deletions(query, max, (h) => {
      if (looked.has(h)) return;
      looked.add(h);
      for (let i = lowerBound(hashes, h); i < hashes.length && hashes[i] === h; i++) {
        // a word that lost two letters is needed only when two edits are allowed
        if (max < 2 && entries[i] & 1) continue;
        candidates.add(entries[i] >>> 1);
      }
    });
  }
  const out: { id: number; distance: number }[] = [];
  for (const id of [...candidates].sort((a, b) => a - b)) {
    const distance = editDistance(query, words[id], max);
    if (distance <= max) out.push({ id, distance });
  }
  return out;
}

/** closeWords by comparing the query with every word. */
export function scanWords(
  words: readonly string[],
  query: string,
  max: number,
): { id: number; distance: number }[] {
  const out: { id: number; distance: number }[] = [];
  words.forEach((word, id) => {
    const distance = editDistance(query, word, max);
    if (distance <= max) out.push({ id, distance });
  });
  return out;
}
