/** The outcome of taking points from a client's bucket. */
export interface Take {
  allowed: boolean;
  /** Bucket size. */
  limit: number;
  /** Whole points left after this take (or now, when refused). */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** When refused: seconds until the bucket holds enough for this request. */
  retryAfterSeconds: number;
}

/** Where buckets live: this process's memory, or Redis for replicas that share them. */
export interface BucketStore {
  take(client: string, cost: number): Promise<Take>;
  close(): Promise<void>;
}

/** A bucket's state: points held at a moment. */
export interface BucketState {
  tokens: number;
  at: number;
}

/**
 * One token-bucket step, shared by the memory store and mirrored by the Redis script: refill
 * `capacity / windowMs` points per millisecond since `state.at`, then take `cost` if held.
 */
export function takeFrom(
  state: BucketState | undefined,
  capacity: number,
  windowMs: number,
  cost: number,
  now: number,
): { state: BucketState; take: Take } {
  const rate = capacity / windowMs;
  const before = state
    ? Math.min(capacity, state.tokens + Math.max(0, now - state.at) * rate)
    : capacity;
  const allowed = before >= cost;
  const tokens = allowed ? before - cost : before;
  return {
    state: { tokens, at: now },
    take: {
      allowed,
      limit: capacity,
      remaining: Math.floor(tokens),
      resetSeconds: Math.ceil((capacity - tokens) / rate / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((cost - tokens) / rate / 1000)),
    },
  };
}
