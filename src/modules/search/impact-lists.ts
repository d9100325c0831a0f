/**
 * Lists of (document, weighted frequency) pairs, many lists in flat typed arrays, each ordered so
 * that its best BM25 scores can be read first without knowing the average document length yet:
 * by frequency (descending), type prior (descending), document length, then document. Within a
 * run of equal frequency and prior, a document's score can only fall as its length grows, whatever
 * the average length, so merging the heads of a list's runs reads it best score first.
 */
export interface ImpactLists {
  /** List l's pairs are at start[l] .. start[l + 1] - 1. */
  start: Uint32Array;
  doc: Uint32Array;
  freq: Uint32Array;
  /** Positions where a run begins; list l's runs begin at runs[listRun[l]] .. runs[listRun[l + 1] - 1]. */
  runs: Uint32Array;
  listRun: Uint32Array;
}

/** Pairs sorted between two yields to the event loop. */
const SLICE = 20_000;

/**
 * Files the `size` pairs (list[i], doc[i], freq[i]) into `lists` lists in score order; the pairs
 * of a list must be distinct documents, in document order. Yields to the event loop now and
 * then when `pause` is given.
 */
export async function buildImpactLists(
  lists: number,
  pairs: { list: Uint32Array; doc: Uint32Array; freq: Uint32Array; size: number },
  docLength: Uint32Array,
  docPrior: Float64Array,
  pause: (() => Promise<void>) | null = null,
): Promise<ImpactLists> {
  const { size } = pairs;
  const start = new Uint32Array(lists + 1);
  for (let i = 0; i < size; i++) start[pairs.list[i] + 1]++;
  for (let l = 0; l < lists; l++) start[l + 1] += start[l];
  const next = start.slice(0, lists);
  const order = new Uint32Array(size);
  for (let i = 0; i < size; i++) order[next[pairs.list[i]]++] = i;
  const { doc: pd, freq: pf } = pairs;
  // priors by rank, the highest first
  const priors = [...new Set(docPrior)].sort((a, b) => b - a);
  const priorRank = new Map(priors.map((p, i) => [p, i]));
  const before = (a: number, b: number) =>
    pf[b] - pf[a] ||
    docPrior[pd[b]] - docPrior[pd[a]] ||
    docLength[pd[a]] - docLength[pd[b]] ||
    pd[a] - pd[b];
  const doc = new Uint32Array(size);
  const freq = new Uint32Array(size);
  const listRun = new Uint32Array(lists + 1);
  const runs: number[] = [];
  let sorted = 0;
  for (let l = 0; l < lists; l++) {
    const from = start[l];
    const to = start[l + 1];
    if (to - from > 1) {
      sortList(order.subarray(from, to), pf, pd, docLength, docPrior, priorRank, before);
      sorted += to - from;
      if (pause && sorted > SLICE) {
        sorted = 0;
        await pause();
      }
    }
    for (let i = from; i < to; i++) {
      const p = order[i];
      doc[i] = pd[p];
      freq[i] = pf[p];
      if (i === from || freq[i] !== freq[i - 1] || docPrior[doc[i]] !== docPrior[doc[i - 1]])
        runs.push(i);
    }
    listRun[l + 1] = runs.length;
  }
  return { start, doc, freq, runs: Uint32Array.from(runs), listRun };
}

const bits = (n: number) => (n > 0 ? Math.floor(Math.log2(n)) + 1 : 1);

/**
 * Sorts one list's pair numbers (in document order) into score order: as numbers packing
 * (frequency, prior, length, place) when they fit in a double's 53 bits, a native numeric sort;
 * else with the comparator.
 */
function sortList(
  order: Uint32Array,
  pf: Uint32Array,
  pd: Uint32Array,
  docLength: Uint32Array,
  docPrior: Float64Array,
  priorRank: Map<number, number>,
  before: (a: number, b: number) => number,
): void {
  let maxFreq = 0;
  let maxLength = 0;
  for (const p of order) {
    if (pf[p] > maxFreq) maxFreq = pf[p];
    if (docLength[pd[p]] > maxLength) maxLength = docLength[pd[p]];
  }
  const f = 2 ** bits(maxFreq);
  const r = 2 ** bits(priorRank.size);
  const len = 2 ** bits(maxLength);
  const place = 2 ** bits(order.length);
  if (f * r * len * place > Number.MAX_SAFE_INTEGER) {
    order.sort(before);
    return;
  }
  const keys = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const p = order[i];
    keys[i] =
      ((maxFreq - pf[p]) * r + (priorRank.get(docPrior[pd[p]]) as number)) * len * place +
      docLength[pd[p]] * place +
      i;
  }
  keys.sort();
  const copy = order.slice();
  for (let i = 0; i < keys.length; i++) order[i] = copy[keys[i] % place];
}

/**
 * Reads one list best score first: a heap of its runs by the score of each run's next pair, ties
 * by document. `score(doc, freq)` must fall (or stay) as the length grows within a run.
 */
export class ImpactCursor {
  private readonly at: number[] = [];
  private readonly end: number[] = [];
  private readonly head: number[] = [];
  /** Run numbers, the best head on top. */
  private readonly heap: number[] = [];

  constructor(
    private readonly lists: ImpactLists,
    list: number,
    private readonly docLength: Uint32Array,
    private readonly score: (doc: number, freq: number) => number,
  ) {
    const { runs, listRun, start } = lists;
    for (let r = listRun[list]; r < listRun[list + 1]; r++) {
      const k = this.at.length;
      this.at.push(runs[r]);
      this.end.push(r + 1 < listRun[list + 1] ? runs[r + 1] : start[list + 1]);
      this.head.push(score(lists.doc[runs[r]], lists.freq[runs[r]]));
      this.push(k);
    }
  }

  get done(): boolean {
    return this.heap.length === 0;
  }

  /** The next pair's document and score (only when not done). */
  get doc(): number {
    return this.lists.doc[this.at[this.heap[0]]];
  }

  get freq(): number {
    return this.lists.freq[this.at[this.heap[0]]];
  }

  get best(): number {
    return this.head[this.heap[0]];
  }

  /** Moves past the next pair. */
  next(): void {
    this.advance(this.at[this.heap[0]] + 1);
  }

  /**
   * Moves past the next pair and the rest of its run of the same length: they score the same
   * and come later in document order, so none ranks above it.
   */
  skipSameLength(): void {
    const r = this.heap[0];
    const { doc } = this.lists;
    const length = this.docLength[doc[this.at[r]]];
    let lo = this.at[r] + 1;
    let hi = this.end[r];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.docLength[doc[mid]] <= length) lo = mid + 1;
      else hi = mid;
    }
    this.advance(lo);
  }

  private advance(to: number): void {
    const r = this.heap[0];
    if (to < this.end[r]) {
      this.at[r] = to;
      this.head[r] = this.score(this.lists.doc[to], this.lists.freq[to]);
    } else {
      const last = this.heap.pop() as number;
      if (!this.heap.length) return;
      this.heap[0] = last;
    }
    this.siftDown(0);
  }

  /** Whether run a's next pair comes before run b's. */
  private first(a: number, b: number): boolean {
    const { head, at } = this;
    if (head[a] !== head[b]) return head[a] > head[b];
    return this.lists.doc[at[a]] < this.lists.doc[at[b]];
  }

  private push(k: number): void {
    const { heap } = this;
    heap.push(k);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.first(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const { heap } = this;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < heap.length && this.first(heap[left], heap[top])) top = left;
      if (right < heap.length && this.first(heap[right], heap[top])) top = right;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top], heap[i]];
      i = top;
    }
  }
}
