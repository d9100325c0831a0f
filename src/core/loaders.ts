import DataLoader from 'dataloader';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { graphVersionWatcherOf, readGraphVersion } from './cache/graph-version';
import {
  ascending,
  graphTables,
  GraphTables,
  nameOf,
  orderedKey,
  TableDependencies,
} from './graph-tables';
import { MaybePromise } from './maybe-promise';
import { sinceLast } from './row-patch';
import type { StatementCount } from './query-counter';
import { carryRequestScope, withinRequestScope } from './request-scope';

export type { MaybePromise } from './maybe-promise';

/** What a loader reads from: this request's database and the graph tables of its version. */
export interface LoaderScope {
  db: DataSource;
  tables(): Promise<GraphTables>;
}

/**
 * Builds one DataLoader (called at most once per request per factory), answering from the index
 * `indexKey` of the graph tables; `missing` is the answer for a key the index does not hold.
 */
export type LoaderFactory<K, V> = ((scope: LoaderScope) => DataLoader<K, V>) & {
  indexKey: string;
  /** The tables the index is built from. */
  dependsOn: TableDependencies;
  missing(): V;
  build(tables: GraphTables): Promise<ReadonlyMap<K, V>>;
};

/** The whole index behind `factory` at these tables' version, built once. */
export function indexOf<K, V>(
  tables: GraphTables,
  factory: LoaderFactory<K, V>,
): Promise<ReadonlyMap<K, V>> {
  return tables.derive(factory.indexKey, factory.dependsOn, () => factory.build(tables));
}

/** Per-request loaders, created on first use so a request pays only for what it touches. */
export class LoaderRegistry implements LoaderScope {
  // made on first use: most requests use none
  private loaders?: Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>;
  private version?: Promise<number>;
  /** The version `version` holds, when it came from the watcher (known without waiting). */
  private fixed?: number;
  private seen?: GraphTables;

  /** `sql`: the request's statement counter, which a graph version read is counted in. */
  constructor(
    readonly db: DataSource,
    private readonly sql?: StatementCount,
  ) {}

  use<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    this.loaders ??= new Map();
    let loader = this.loaders.get(factory as LoaderFactory<unknown, unknown>);
    if (!loader) {
      loader = factory(this) as DataLoader<unknown, unknown>;
      this.loaders.set(factory as LoaderFactory<unknown, unknown>, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /**
   * The graph version this request reads, fixed at its first use: the one this process's
   * watcher last saw (src/core/cache/graph-version.ts: polled, and refreshed after each write
   * made here), or, with no watcher running, read from the database.
   */
  graphVersion(): Promise<number> {
    carryRequestScope(); // what the caller does once it has the version may read the database
    if (!this.version) {
      const watcher = graphVersionWatcherOf(this.db);
      if (watcher) this.fixed = watcher.current;
      // read in the request's scope: Apollo plugins ask for it outside execution's scope
      this.version =
        this.fixed !== undefined
          ? Promise.resolve(this.fixed)
          : withinRequestScope(this.sql ? { sql: this.sql } : {}, () => readGraphVersion(this.db));
    }
    return this.version;
  }

  /**
   * The same version when it is known without waiting (fixed from the watcher, or the watcher
   * running and the version not fixed yet), else undefined: graphVersion() gives it then.
   */
  graphVersionNow(): number | undefined {
    if (!this.version && graphVersionWatcherOf(this.db)) void this.graphVersion();
    return this.fixed;
  }

  tables(): Promise<GraphTables> {
    carryRequestScope();
    return graphTables({ loaders: this }).then((tables) => (this.seen = tables));
  }

  /**
   * This request's graph tables if they are there without waiting: once it has read them, or when
   * the version it reads (the watcher's, fixed at first use) has its tables built already.
   */
  tablesNow(): GraphTables | undefined {
    if (this.seen) return this.seen;
    if (this.fixed === undefined) {
      if (this.version || !graphVersionWatcherOf(this.db)) return undefined;
      void this.graphVersion();
      if (this.fixed === undefined) return undefined;
    }
    return (this.seen = graphTables.peek(this.db, this.fixed));
  }

  /**
   * `tables().derive(key, dependsOn, build)`, at once when this request's version has it built
   * (most requests), so a resolver built on derived structures can answer without a promise.
   */
  derive<T>(
    key: string,
    dependsOn: TableDependencies,
    build: (tables: GraphTables) => Promise<T> | T,
  ): MaybePromise<T> {
    const now = this.tablesNow()?.peek<T>(key);
    if (now !== undefined) return now;
    return this.tables().then((tables) => tables.derive(key, dependsOn, () => build(tables)));
  }

  /** `tables().ordered(target, ...columns)`, at once when this request's version has it built. */
  ordered<E extends ObjectLiteral>(
    target: EntityTarget<E>,
    ...columns: (keyof E & string)[]
  ): MaybePromise<readonly E[]> {
    const now = this.tablesNow()?.peek<readonly E[]>(orderedKey(target, columns));
    if (now !== undefined) return now;
    return this.tables().then((tables) => tables.ordered(target, ...columns));
  }

  /**
   * `factory`'s answer for `key`: at once when its index for this request's graph version is
   * built (most requests), else through its DataLoader. Answering without a promise spares
   * graphql-js a promise per object of a large nested result.
   */
  load<K, V>(factory: LoaderFactory<K, V>, key: K): MaybePromise<V> {
    const index = this.tablesNow()?.peek<ReadonlyMap<K, V>>(factory.indexKey);
    if (index) return index.get(key) ?? factory.missing();
    carryRequestScope();
    return this.use(factory).load(key);
  }

  /** Forgets what this request has read, so that what it reads after a write sees the write. */
  reset(): void {
    this.loaders?.clear();
    this.version = undefined;
    this.fixed = undefined;
    this.seen = undefined;
  }
}

const memo = new Map<string, LoaderFactory<unknown, unknown>>();
function memoized<K, V>(key: string, make: () => LoaderFactory<K, V>): LoaderFactory<K, V> {
  if (!memo.has(key)) memo.set(key, make() as LoaderFactory<unknown, unknown>);
  return memo.get(key) as LoaderFactory<K, V>;
}

/**
 * A loader answering from an index built once per graph version from the in-memory tables
 * (src/core/graph-tables.ts), so a request reads no table its version has already read.
 */
export function indexed<K, V>(
  key: string,
  dependsOn: TableDependencies,
  build: (tables: GraphTables) => Promise<ReadonlyMap<K, V>>,
  missing: () => V,
): LoaderFactory<K, V> {
  return memoized(key, () => {
    const factory = (scope: LoaderScope) =>
      new DataLoader<K, V>(async (keys) => {
        const index = await indexOf(await scope.tables(), indexed);
        return keys.map((k) => index.get(k) ?? missing());
      });
    const indexed: LoaderFactory<K, V> = Object.assign(factory, {
      indexKey: key,
      dependsOn,
      missing,
      build,
    });
    return indexed;
  });
}

const none = () => null;
// lists come frozen (see GraphTables): typed mutable so resolvers can return them as they are
const NO_ROWS: readonly never[] = Object.freeze([]);
const noRows = <E>(): E[] => NO_ROWS as unknown as E[];

/** Loads rows of `target` by a unique column (id, slug); a missing key gives null. */
export function byColumn<E extends ObjectLiteral, K extends string | number>(
  target: EntityTarget<E>,
  column: keyof E & string,
): LoaderFactory<K, E | null> {
  // resolvers call this per object resolved: find the factory without building a key string
  let columns = byColumnFactories.get(target as object);
  if (!columns) byColumnFactories.set(target as object, (columns = new Map()));
  let factory = columns.get(column) as LoaderFactory<K, E | null> | undefined;
  if (!factory) {
    factory = indexed<K, E | null>(
      `by:${nameOf(target)}:${column}`,
      [target],
      (t) => t.unique<E, K>(target, column),
      none,
    );
    columns.set(column, factory as unknown as AnyFactory);
  }
  return factory;
}

type AnyFactory = LoaderFactory<unknown, unknown>;
const byColumnFactories = new WeakMap<object, Map<string, AnyFactory>>();

export const byId = <E extends ObjectLiteral>(target: EntityTarget<E>) =>
  byColumn<E, number>(target, 'id' as keyof E & string);
export const bySlug = <E extends ObjectLiteral>(target: EntityTarget<E>) =>
  byColumn<E, string>(target, 'slug' as keyof E & string);

/** Loads, for each key, every row of `target` whose `column` equals it, ordered by `order` then id. */
export function groupedBy<E extends ObjectLiteral>(
  target: EntityTarget<E>,
  column: keyof E & string,
  ...order: (keyof E & string)[]
): LoaderFactory<number, E[]> {
  const key = `group:${nameOf(target)}:${column}:${order.join(',')}`;
  const compare = ascending<E>(...order, 'id' as keyof E & string);
  return indexed<number, E[]>(
    key,
    [target],
    (t) => t.grouped(key, target, column, compare) as Promise<ReadonlyMap<number, E[]>>,
    noRows,
  );
}

/**
 * Follows a join table from owners to targets: for each owner id, the target rows linked to it,
 * ordered by `orderColumn` then id.
 */
export function linked<E extends ObjectLiteral>(
  table: string,
  ownerColumn: string,
  targetColumn: string,
  target: EntityTarget<E>,
  orderColumn: keyof E & string = 'name' as keyof E & string,
): LoaderFactory<number, E[]> {
  const compare = ascending<E>(orderColumn, 'id' as keyof E & string);
  /** Each build's links and groups, by the list of target rows it was made from (see sinceLast). */
  const made = new WeakMap<readonly E[], LinkGroups<E>>();
  return indexed<number, E[]>(
    `link:${table}:${ownerColumn}:${targetColumn}`,
    [table, target],
    async (t) => {
      const [links, byRowId, rows] = await Promise.all([
        t.links(table, ownerColumn, targetColumn),
        t.unique<E, number>(target, 'id'),
        t.rows(target),
      ]);
      const group = (ids: readonly number[]) =>
        Object.freeze(
          ids
            .map((id) => byRowId.get(id))
            .filter((row): row is E => row !== undefined)
            .sort(compare),
        ) as E[];
      const last = sinceLast(rows, made);
      let groups: Map<number, E[]>;
      if (last && last.previous.links === links) {
        // the links as they were and a few target rows written (a sector's description, say):
        // only the owners linked to one of those rows are grouped again
        const changed = new Set<unknown>();
        for (const row of [...last.change.removed, ...last.change.added]) changed.add(row.id);
        groups = new Map(last.previous.groups);
        for (const [owner, ids] of links)
          if (ids.some((id) => changed.has(id))) groups.set(owner, group(ids));
      } else {
        groups = new Map();
        for (const [owner, ids] of links) groups.set(owner, group(ids));
      }
      made.set(rows, { links, groups });
      return groups;
    },
    noRows,
  );
}

/** A link index and the join table it was grouped from. */
interface LinkGroups<E> {
  links: ReadonlyMap<number, readonly number[]>;
  groups: ReadonlyMap<number, E[]>;
}
