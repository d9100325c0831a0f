import { BucketState, BucketStore, takeFrom } from './bucket';

/** Buckets beyond this many are swept of the full ones, so rotating addresses cannot grow memory. */
const SWEEP_AT = 50_000;
/**
 * Never more buckets than this (about 10 MB): past it the least recently used is forgotten,
 * which gives that one client a full bucket again, rather than letting a flood of addresses
 * that each spend a little hold memory for a whole window.
 */
export const MAX_BUCKETS = 100_000;

/** Token buckets in this process: right for one replica, and the default. */
export class MemoryBucketStore implements BucketStore {
  private readonly buckets = new Map<string, BucketState>();
  private nextSweep = 0;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxBuckets = MAX_BUCKETS,
  ) {}

  async take(client: string, cost: number) {
    const at = this.now();
    const { state, take } = takeFrom(
      this.buckets.get(client),
      this.capacity,
      this.windowMs,
      cost,
      at,
    );
    this.buckets.delete(client); // re-inserted last: the map's order is least recently used first
    this.buckets.set(client, state);
    if (this.buckets.size > this.maxBuckets)
      this.buckets.delete(this.buckets.keys().next().value as string);
    if (this.buckets.size > SWEEP_AT && at >= this.nextSweep) {
      this.nextSweep = at + 1000; // at most once a second: a sweep walks every bucket
      this.sweep(at);
    }
    return take;
  }

  /** Forgets buckets that have refilled completely: they are the same as new ones. */
  private sweep(now: number): void {
    for (const [client, state] of this.buckets) {
      if (state.tokens + (now - state.at) * (this.capacity / this.windowMs) >= this.capacity)
        this.buckets.delete(client);
    }
  }

  /** How many clients have a bucket (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }
}
