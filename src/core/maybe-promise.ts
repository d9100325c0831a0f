/** A value a resolver may have at once (from the in-memory graph) or only later. */
export type MaybePromise<T> = T | Promise<T>;

/** `fn` of `value`: at once when the value is there, else when it comes. */
export function then<T, R>(
  value: MaybePromise<T>,
  fn: (value: T) => MaybePromise<R>,
): MaybePromise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/** `fn` of both values: at once when both are there, else when both come. */
export function both<A, B, R>(
  a: MaybePromise<A>,
  b: MaybePromise<B>,
  fn: (a: A, b: B) => R,
): MaybePromise<R> {
  if (a instanceof Promise || b instanceof Promise)
    return Promise.all([a, b]).then(([x, y]) => fn(x, y));
  return fn(a, b);
}

/** Every value: at once when all are there, else when all come. */
export function all<T>(values: readonly MaybePromise<T>[]): MaybePromise<T[]> {
  for (const v of values) if (v instanceof Promise) return Promise.all(values);
  return values as T[];
}
