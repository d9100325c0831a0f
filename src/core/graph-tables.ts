import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { perGraphVersion, VersionScope } from './graph-snapshot';

export type Compare<E> = (a: E, b: E) => number;

/** Orders like SQLite's BINARY collation: numbers by value, strings by code unit, nulls first. */
export function ascending<E extends ObjectLiteral>(...columns: (keyof E & string)[]): Compare<E> {
  return (a, b) => {
    for (const column of columns) {
      const [x, y] = [a[column], b[column]];
      if (x === y) continue;
      if (x == null) return -1;
      if (y == null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

/** An entity class's name, which keys its table's derived values. */
export const nameOf = (target: EntityTarget<ObjectLiteral>) => (target as { name: string }).name;

/**
 * The graph's tables as they stand at one graph version, each read on first use and kept in
 * this process with the indexes requests derive from it. Every request of that version shares
 * the rows and lists handed out, which are frozen: copy before changing one.
 */
export class GraphTables {
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly built = new Map<string, unknown>();

  constructor(readonly db: DataSource) {}

  /** `build`'s result, computed once for this version under `key`. */
  derive<T>(key: string, build: () => Promise<T> | T): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = Promise.resolve().then(build);
      this.memo.set(key, value);
      value.then(
        (result) => this.built.set(key, result),
        () => this.memo.delete(key),
      );
    }
    return value;
  }

  /** What `derive` has already built under `key`, or undefined: lets a resolver answer without waiting. */
  peek<T>(key: string): T | undefined {
    return this.built.get(key) as T | undefined;
  }

  /**
   * Runs `read` on the primary. A table read here is kept until the next write, so it must not
   * come from a read replica that has not caught up with the version it is kept under.
   */
  private async onPrimary<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner('master');
    try {
      return await read(runner.manager);
    } finally {
      await runner.release();
    }
  }

  /** Every row of an entity's table, by id. */
  rows<E extends ObjectLiteral>(target: EntityTarget<E>): Promise<readonly E[]> {
    return this.derive(`rows:${nameOf(target)}`, async () => {
      const rows = await this.onPrimary((m) => m.getRepository(target).find({ order: { id: 'ASC' } as never }));
      return Object.freeze(rows.map((row) => Object.freeze(row)));
    });
  }

  /** Every row, in the order of `columns` (then id). */
  ordered<E extends ObjectLiteral>(target: EntityTarget<E>, ...columns: (keyof E & string)[]): Promise<readonly E[]> {
    return this.derive(`ordered:${nameOf(target)}:${columns.join(',')}`, async () =>
      Object.freeze([...(await this.rows(target))].sort(ascending<E>(...columns, 'id' as keyof E & string))),
    );
  }

  /** Rows by a unique column (id, slug). */
  unique<E extends ObjectLiteral, K>(target: EntityTarget<E>, column: keyof E & string): Promise<ReadonlyMap<K, E>> {
    return this.derive(`unique:${nameOf(target)}:${column}`, async () => new Map((await this.rows(target)).map((r) => [r[column] as K, r])));
  }

  /** Rows grouped by `column`, each group in `compare` order; `keep` filters rows first. */
  grouped<E extends ObjectLiteral, K>(
    key: string,
    target: EntityTarget<E>,
    column: keyof E & string,
    compare: Compare<E>,
    keep: (row: E) => boolean = () => true,
  ): Promise<ReadonlyMap<K, readonly E[]>> {
    return this.derive(`grouped:${nameOf(target)}:${key}`, async () =>
      groupRows((await this.rows(target)).filter(keep), (r) => r[column] as K, compare),
    );
  }

  /** A join table as owner id -> target ids. */
  links(table: string, ownerColumn: string, targetColumn: string): Promise<ReadonlyMap<number, readonly number[]>> {
    return this.derive(`links:${table}:${ownerColumn}:${targetColumn}`, async () => {
      const rows: Record<string, unknown>[] = await this.onPrimary((m) => m.query(`SELECT ${ownerColumn} AS o, ${targetColumn} AS t FROM ${table}`));
      const links = new Map<number, number[]>();
      for (const row of rows) {
        const owner = Number(row.o);
        const targets = links.get(owner);
        if (targets) targets.push(Number(row.t));
        else links.set(owner, [Number(row.t)]);
      }
      return links;
    });
  }
}

/** Groups `rows` by `keyOf`, each group sorted by `compare` and frozen. */
export function groupRows<E, K>(rows: readonly E[], keyOf: (row: E) => K, compare: Compare<E>): ReadonlyMap<K, readonly E[]> {
  const groups = new Map<K, E[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const group of groups.values()) Object.freeze(group.sort(compare));
  return groups;
}

/** The tables of the graph version this request sees. */
export const graphTables: (ctx: VersionScope) => Promise<GraphTables> = perGraphVersion(async (db) => new GraphTables(db));
