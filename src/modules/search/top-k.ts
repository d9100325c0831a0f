/**
 * Keeps the `limit` best of the numbers offered to it, in O(log limit) per offer: a heap with
 * the worst kept number on top, so that matches are never all sorted.
 */
export class TopK {
  private readonly heap: number[] = [];

  /** `worse(a, b)`: whether a ranks below b; it must be a strict total order. */
  constructor(
    private readonly limit: number,
    private readonly worse: (a: number, b: number) => boolean,
  ) {}

  offer(x: number): void {
    const { heap, worse } = this;
    if (heap.length < this.limit) {
      heap.push(x);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (this.limit > 0 && worse(heap[0], x)) {
      heap[0] = x;
      this.siftDown();
    }
  }

  /** How many are kept. */
  get size(): number {
    return this.heap.length;
  }

  /** The worst kept (only when some are). */
  get worst(): number {
    return this.heap[0];
  }

  /** What was kept, best first; the heap is emptied (each worst taken off the top in turn). */
  best(): number[] {
    const { heap } = this;
    const out = new Array<number>(heap.length);
    for (let i = heap.length - 1; i >= 0; i--) {
      out[i] = heap[0];
      const last = heap.pop() as number;
      if (i > 0) {
        heap[0] = last;
        this.siftDown();
      }
    }
    return out;
  }

  private siftDown(): void {
    const { heap, worse } = this;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && worse(heap[left], heap[least])) least = left;
      if (right < heap.length && worse(heap[right], heap[least])) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least], heap[i]];
      i = least;
    }
  }
}
