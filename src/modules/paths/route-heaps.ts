/**
 * The two min-heaps of the route search (./route-search.ts), both ordered by cost (directions,
 * then years within EPS, then steps), then push order, so equal routes come out deterministically.
 */

/** A route's cost: career directions, typical years, steps. */
export type Cost = [directions: number, years: number, steps: number];
/** Years closer than this are equal (sums of decimal years). */
export const EPS = 1e-9;

/**
 * Binary min-heap by cost, then insertion order (so equal routes come out deterministically).
 * Costs are kept as plain numbers in parallel arrays: a search pushes an entry per relaxed edge,
 * and an object per entry was most of its garbage.
 */
export class Heap<T> {
  private readonly d: number[] = [];
  private readonly y: number[] = [];
  private readonly s: number[] = [];
  private readonly seqs: number[] = [];
  private readonly values: T[] = [];
  private seq = 0;
  /** The cost of the last entry `pop` returned. */
  readonly top: [directions: number, years: number, steps: number] = [0, 0, 0];
  get size() {
    return this.values.length;
  }
  /** Whether entry i comes before entry j: `less` on their costs, else the earlier push. */
  private before(i: number, j: number) {
    const { d, y, s } = this;
    if (d[i] !== d[j]) return d[i] < d[j];
    if (y[i] < y[j] - EPS) return true;
    if (y[j] < y[i] - EPS) return false;
    if (Math.abs(y[i] - y[j]) <= EPS && s[i] !== s[j]) return s[i] < s[j];
    return this.seqs[i] < this.seqs[j];
  }
  private swap(i: number, j: number) {
    const { d, y, s, seqs, values } = this;
    let t: number = d[i];
    d[i] = d[j];
    d[j] = t;
    t = y[i];
    y[i] = y[j];
    y[j] = t;
    t = s[i];
    s[i] = s[j];
    s[j] = t;
    t = seqs[i];
    seqs[i] = seqs[j];
    seqs[j] = t;
    const v = values[i];
    values[i] = values[j];
    values[j] = v;
  }
  push(cost: Cost, value: T) {
    this.pushCost(cost[0], cost[1], cost[2], value);
  }
  pushCost(directions: number, years: number, steps: number, value: T) {
    this.d.push(directions);
    this.y.push(years);
    this.s.push(steps);
    this.seqs.push(this.seq++);
    this.values.push(value);
    for (let i = this.values.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  /** The first entry's value, its cost left in `top`. */
  pop(): T {
    const { d, y, s, seqs, values, top } = this;
    top[0] = d[0];
    top[1] = y[0];
    top[2] = s[0];
    const value = values[0];
    const n = values.length - 1;
    if (n > 0) {
      d[0] = d[n];
      y[0] = y[n];
      s[0] = s[n];
      seqs[0] = seqs[n];
      values[0] = values[n];
    }
    d.pop();
    y.pop();
    s.pop();
    seqs.pop();
    values.pop();
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.before(l, m)) m = l;
      if (r < n && this.before(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return value;
  }
}

/**
 * The heap of one `quickest` search: entries of five numbers (directions, years, steps, push
 * order, slot) side by side in one array, ordered as `Heap` orders its entries.
 */
export class SlotHeap {
  private a = new Float64Array(5 * 64);
  private n = 0;
  private seq = 0;
  readonly top: [directions: number, years: number, steps: number] = [0, 0, 0];
  get size() {
    return this.n;
  }
  clear() {
    this.n = 0;
    this.seq = 0;
  }
  private before(i: number, j: number) {
    const a = this.a;
    const x = 5 * i;
    const z = 5 * j;
    if (a[x] !== a[z]) return a[x] < a[z];
    const yi = a[x + 1];
    const yj = a[z + 1];
    if (yi < yj - EPS) return true;
    if (yj < yi - EPS) return false;
    if (Math.abs(yi - yj) <= EPS && a[x + 2] !== a[z + 2]) return a[x + 2] < a[z + 2];
    return a[x + 3] < a[z + 3];
  }
  private swap(i: number, j: number) {
    const a = this.a;
    const x = 5 * i;
    const z = 5 * j;
    for (let k = 0; k < 5; k++) {
      const t = a[x + k];
      a[x + k] = a[z + k];
      a[z + k] = t;
    }
  }
  push(directions: number, years: number, steps: number, slot: number) {
    if (5 * (this.n + 1) > this.a.length) {
      const bigger = new Float64Array(this.a.length * 2);
      bigger.set(this.a);
      this.a = bigger;
    }
    const x = 5 * this.n;
    this.a[x] = directions;
    this.a[x + 1] = years;
    this.a[x + 2] = steps;
    this.a[x + 3] = this.seq++;
    this.a[x + 4] = slot;
    for (let i = this.n++; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  /** The first entry's slot, its cost left in `top`. */
  pop(): number {
    const a = this.a;
    const top = this.top;
    top[0] = a[0];
    top[1] = a[1];
    top[2] = a[2];
    const slot = a[4];
    const n = --this.n;
    if (n > 0) for (let k = 0; k < 5; k++) a[k] = a[5 * n + k];
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.before(l, m)) m = l;
      if (r < n && this.before(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return slot;
  }
}
