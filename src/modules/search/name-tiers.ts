import { Segment } from './inverted-index';

/** A query's words as marks on one segment's words and stems (bit g: the g-th query word). */
export interface NameQuery {
  length: number;
  word: Uint16Array;
  stem: Uint16Array;
  clear(): void;
}

/** How closely a document's names match the whole query (see EngineHit.tier). */
export function tierOf(seg: Segment, d: number, query: NameQuery): number {
  const n = query.length;
  const { nameStart, nameWord, nameStem } = seg;
  let tier = 0;
  for (let k = seg.docName[d], last = seg.docName[d + 1]; k < last; k++) {
    const from = nameStart[k];
    const length = nameStart[k + 1] - from;
    if (length < n) continue;
    if (length === n) {
      if (allAt(nameWord, from, query.word, n)) return 4;
      if (allAt(nameStem, from, query.stem, n)) tier = Math.max(tier, 3);
    }
    for (let i = 0; i + n <= length && tier < 2; i++) {
      if (allAt(nameWord, from + i, query.word, n)) tier = 2;
      else if (allAt(nameStem, from + i, query.stem, n)) tier = Math.max(tier, 1);
    }
  }
  return tier;
}

/** Whether the n numbers of a name from `at` stand for the query's words 0 to n - 1 in turn. */
function allAt(name: Uint32Array, at: number, marks: Uint16Array, n: number): boolean {
  for (let j = 0; j < n; j++) if (((marks[name[at + j]] >> j) & 1) === 0) return false;
  return true;
}
