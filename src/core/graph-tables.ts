import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  GraphChange,
  GraphDelta,
  inBackground,
  perGraphVersion,
  PerGraphVersion,
} from './graph-snapshot';
import { onPrimary } from './data-source';
import { Reach, RowPatch, sinceLast } from './row-patch';

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
 * What a derived value is computed from: entity classes (their tables), table names, or parts of
 * a table (partitionOf). A change to a part touches the table; a change to the table, every part.
 */
export type TableDependencies = readonly (EntityTarget<ObjectLiteral> | string | TablePart)[];

/** The rows of a table whose partitioning column holds `value` (see GraphTables.partition). */
export interface TablePart {
  target: EntityTarget<ObjectLiteral>;
  value: string;
}

export const partitionOf = (target: EntityTarget<ObjectLiteral>, value: string): TablePart => ({
  target,
  value,
});

/** Whether a change to the tables and parts in `changed` reaches `dependency` (a table or "table:part"). */
function reaches(changed: ReadonlySet<string>, dependency: string): boolean {
  if (changed.has(dependency)) return true;
  const colon = dependency.indexOf(':');
  if (colon >= 0) return changed.has(dependency.slice(0, colon));
  for (const name of changed) if (name.startsWith(`${dependency}:`)) return true;
  return false;
}

/** Whether `declared` covers reading `dependency`: the table itself, or the table of a part. */
function covers(declared: ReadonlySet<string>, dependency: string): boolean {
  const colon = dependency.indexOf(':');
  return declared.has(dependency) || (colon >= 0 && declared.has(dependency.slice(0, colon)));
}

interface Derived {
  value: Promise<unknown>;
  /** The tables the value was computed from. */
  tables: ReadonlySet<string>;
}

/**
 * What a table-reading value is, so a write's rows alone can bring it forward (row-patch.ts).
 * Data rather than a closure: it is carried from version to version, and must not keep an old
 * version's tables alive.
 */
type Refresh =
  | {
      read: 'rows';
      target: EntityTarget<ObjectLiteral>;
      part?: { property: string; value: string };
    }
  | { read: 'links'; table: string; owner: string; target: string };

function refreshed(
  db: DataSource,
  refresh: Refresh,
  previous: unknown,
  patch: RowPatch,
  reached: readonly Reach[],
): Promise<unknown> {
  return onPrimary<unknown>(db, (m) =>
    refresh.read === 'rows'
      ? patch.patchRows(
          m,
          refresh.target,
          previous as readonly ObjectLiteral[],
          reached,
          refresh.part,
        )
      : patch.patchLinks(
          m,
          refresh.table,
          refresh.owner,
          refresh.target,
          previous as ReadonlyMap<number, readonly number[]>,
          reached,
        ),
  );
}

/** `value`, as the previous value a patch starts from (a closure over nothing but it). */
const resolved =
  (value: Promise<unknown>): (() => Promise<unknown>) =>
  () =>
    value;

/** The patch of a value, to run when first asked for (a function of its own: it closes over nothing else). */
function patchLater(
  db: DataSource,
  refresh: Refresh,
  previous: () => Promise<unknown>,
  patch: RowPatch,
  reached: readonly Reach[],
): () => Promise<unknown> {
  return () => previous().then((value) => refreshed(db, refresh, value, patch, reached));
}

/** A value the next version brings forward from the previous one's on first use. */
interface Pending {
  tables: ReadonlySet<string>;
  run: () => Promise<unknown>;
  /** Writes since the value was last read: past MAX_PENDING_PATCHES it is read whole instead. */
  depth: number;
}

/**
 * A value computed from tables a write touched, kept if the patched values of those tables come
 * out as they were (the same objects: row-patch.ts returns the previous rows when none changed).
 */
interface Recheck {
  previous: Promise<unknown>;
  /** For each touched table, a patched value of it (its key) and that value before the write. */
  witnesses: { key: string; before: Promise<unknown> }[];
}

/** Each table-reading key's Refresh: a function of the key alone, so one map serves every version. */
const refreshes = new Map<string, Refresh>();

/** Patches a value not asked for may wait on: each is a read to make when it finally is. */
const MAX_PENDING_PATCHES = 8;

/** The key `GraphTables.ordered` keeps a table's rows in that order under. */
export const orderedKey = (target: EntityTarget<ObjectLiteral>, columns: readonly string[]) =>
  `ordered:${nameOf(target)}:${columns.join(',')}`;

/** Outside production, a derive reading an undeclared table throws (see `derive`). */
const CHECK_DEPENDENCIES = process.env.NODE_ENV !== 'production';
/** The tables the derive being built may read (nested derives must read no others). */
const building = new AsyncLocalStorage<{ key: string; tables: ReadonlySet<string> }>();

/**
 * The graph's tables as they stand at one graph version, each read on first use and kept in
 * this process with the indexes requests derive from it. Every request of that version shares
 * the rows and lists handed out, which are frozen: copy before changing one. The next version's
 * tables keep every value none of whose tables the write touched (see `after`).
 */
export class GraphTables {
  private readonly memo = new Map<string, Derived>();
  private readonly built = new Map<string, unknown>();
  /** Rows and links a write touched, patched from the previous version's when first asked for. */
  private readonly pending = new Map<string, Pending>();
  private readonly rechecks = new Map<string, Recheck>();

  constructor(readonly db: DataSource) {}

  /**
   * `build`'s result, computed once for this version under `key`, from the tables `dependsOn`
   * names (and only those: reading another through this object while building throws, so a
   * value is never carried past a write to a table it did not declare).
   */
  derive<T>(key: string, dependsOn: TableDependencies, build: () => Promise<T> | T): Promise<T> {
    const entry = this.memo.get(key);
    const outer = CHECK_DEPENDENCIES ? building.getStore() : undefined;
    if (entry) {
      if (outer) this.check(outer, key, entry.tables);
      return entry.value as Promise<T>;
    }
    const tables = new Set(dependsOn.map((t) => this.tableOf(t)));
    if (outer) this.check(outer, key, tables);
    const pending = this.pending.get(key);
    if (pending) this.pending.delete(key); // once: if the patch fails, the next ask reads it whole
    const recheck = this.rechecks.get(key);
    if (recheck) this.rechecks.delete(key);
    const make = pending
      ? (pending.run as () => Promise<T>)
      : recheck
        ? () => this.keptOrBuilt(recheck, build)
        : build;
    const value = CHECK_DEPENDENCIES
      ? building.run({ key, tables }, () => Promise.resolve().then(make))
      : Promise.resolve().then(make);
    this.remember(key, { value, tables });
    return value;
  }

  /** Whether `derive` has built, or is building, a value under `key`. */
  has(key: string): boolean {
    return this.memo.has(key);
  }

  /** What `derive` has already built under `key`, or undefined: lets a resolver answer without waiting. */
  peek<T>(key: string): T | undefined {
    // while a derive is being built, go through `derive`, which checks what it may read
    if (CHECK_DEPENDENCIES && building.getStore()) return undefined;
    return this.built.get(key) as T | undefined;
  }

  /**
   * These tables moved on by `delta`: a new GraphTables that keeps every value (rows, indexes)
   * computed from tables none of the changes can have touched; the rows and links this version
   * read that the write reached are patched at once, in the background (no request's SQL count or
   * deadline), and everything else is read or computed again on first use. This object stays as
   * it was, for requests still reading its version.
   */
  after(delta: GraphDelta): GraphTables {
    const next = new GraphTables(this.db);
    const touched = touchedTables(this.db, delta.changes);
    if (touched === 'all') return next;
    const patch = RowPatch.of(this.db, delta.changes, touched);
    const forward = (
      key: string,
      tables: ReadonlySet<string>,
      previous: () => Promise<unknown>,
      depth: number,
    ) => {
      const refresh = refreshes.get(key);
      if (!refresh) return;
      const reached = patch && tables.size === 1 ? patch.reachesOf([...tables][0]) : null;
      if (!reached || depth > MAX_PENDING_PATCHES) return;
      next.pending.set(key, {
        tables,
        run: patchLater(this.db, refresh, previous, patch!, reached),
        depth,
      });
    };
    const witnessOf = new Map<string, { key: string; before: Promise<unknown> }>();
    const computed: [string, Derived][] = [];
    const patchNow: string[] = [];
    for (const [key, entry] of this.memo) {
      if ([...entry.tables].some((t) => reaches(touched, t))) {
        if (!refreshes.has(key)) computed.push([key, entry]);
        forward(key, entry.tables, resolved(entry.value), 1);
        if (next.pending.has(key)) {
          patchNow.push(key);
          const [table] = entry.tables;
          if (!witnessOf.has(table)) witnessOf.set(table, { key, before: entry.value });
        }
        continue;
      }
      next.remember(key, entry);
      if (this.built.has(key)) next.built.set(key, this.built.get(key));
    }
    for (const [key, pending] of this.pending) {
      if (![...pending.tables].some((t) => reaches(touched, t))) next.pending.set(key, pending);
      else forward(key, pending.tables, pending.run, pending.depth + 1);
    }
    for (const [key, entry] of computed) {
      const witnesses = [...entry.tables]
        .filter((t) => reaches(touched, t))
        .map((t) => witnessOf.get(t));
      if (witnesses.every((w) => w !== undefined))
        next.rechecks.set(key, {
          previous: entry.value,
          witnesses: witnesses as Recheck['witnesses'],
        });
    }
    // the rows this version read and the write reached, read now rather than by the next request
    // that needs them: a few statements proportional to the write, out of every request's way
    inBackground(() => {
      for (const key of patchNow) void next.materialize(key); // a failure is kept by no one: the next ask reads whole
    });
    return next;
  }

  /** The value computed before the write if every table it was computed from is as it was, else `build`'s. */
  private async keptOrBuilt<T>(recheck: Recheck, build: () => Promise<T> | T): Promise<T> {
    let previous: T | undefined;
    try {
      let same = true;
      for (const { key, before } of recheck.witnesses) {
        const now = this.materialize(key);
        if (!now || (await now) !== (await before)) {
          same = false;
          break;
        }
      }
      if (same) previous = (await recheck.previous) as T;
    } catch {
      // a value that failed is computed again, as on a first read
    }
    return previous !== undefined ? previous : build();
  }

  /** The value under `key` if it is computed or can be patched, without a build of its own. */
  private materialize(key: string): Promise<unknown> | undefined {
    const entry = this.memo.get(key);
    if (entry) return entry.value;
    const pending = this.pending.get(key);
    if (!pending) return undefined;
    this.pending.delete(key);
    const value = Promise.resolve().then(pending.run);
    this.remember(key, { value, tables: pending.tables });
    return value;
  }

  /** A table-reading derive that a write's delta can patch rather than read again (`after`). */
  private table<T>(
    key: string,
    dependsOn: TableDependencies,
    build: () => Promise<T>,
    refresh: Refresh,
  ) {
    if (!refreshes.has(key)) refreshes.set(key, refresh);
    return this.derive(key, dependsOn, build);
  }

  private remember(key: string, entry: Derived): void {
    this.memo.set(key, entry);
    entry.value.then(
      (result) => this.built.set(key, result),
      () => {
        if (this.memo.get(key) === entry) this.memo.delete(key); // a failed build is not kept
      },
    );
  }

  private check(
    outer: { key: string; tables: ReadonlySet<string> },
    key: string,
    tables: ReadonlySet<string>,
  ): void {
    for (const table of tables) {
      if (!covers(outer.tables, table)) {
        throw new Error(
          `graph tables: "${outer.key}" reads "${key}" (table ${table}) but does not declare ${table} among its tables`,
        );
      }
    }
  }

  private tableOf(target: EntityTarget<ObjectLiteral> | string | TablePart): string {
    if (typeof target === 'string') return target;
    if (typeof target === 'object' && 'value' in target)
      return `${this.db.getMetadata(target.target).tableName}:${target.value}`;
    return this.db.getMetadata(target).tableName;
  }

  /** Every row of an entity's table, by id. */
  rows<E extends ObjectLiteral>(target: EntityTarget<E>): Promise<readonly E[]> {
    return this.table(`rows:${nameOf(target)}`, [target], readRows(this.db, target), {
      read: 'rows',
      target,
    });
  }

  /**
   * The rows of `target` whose `column` holds `value`, by id: a part of the table that a write is
   * taken to touch when it touches a record of the kind `value` names (see touchedTables).
   */
  partition<E extends ObjectLiteral>(
    target: EntityTarget<E>,
    column: keyof E & string,
    value: string,
  ): Promise<readonly E[]> {
    return this.table(
      `part:${nameOf(target)}:${column}=${value}`,
      [partitionOf(target, value)],
      readRows(this.db, target, { [column]: value }),
      { read: 'rows', target, part: { property: column, value } },
    );
  }

  /** Every row, in the order of `columns` (then id). */
  ordered<E extends ObjectLiteral>(
    target: EntityTarget<E>,
    ...columns: (keyof E & string)[]
  ): Promise<readonly E[]> {
    return this.derive(orderedKey(target, columns), [target], async () =>
      Object.freeze(
        [...(await this.rows(target))].sort(ascending<E>(...columns, 'id' as keyof E & string)),
      ),
    );
  }

  /** Rows by a unique column (id, slug). */
  unique<E extends ObjectLiteral, K>(
    target: EntityTarget<E>,
    column: keyof E & string,
  ): Promise<ReadonlyMap<K, E>> {
    return this.derive(`unique:${nameOf(target)}:${column}`, [target], async () => {
      const rows = await this.rows(target);
      const made = uniqueMaps(column) as WeakMap<readonly E[], Map<K, E>>;
      const last = sinceLast(rows, made);
      let map: Map<K, E>;
      if (last) {
        // the previous version's map with the patch's rows taken out and put in
        map = new Map(last.previous);
        for (const row of last.change.removed)
          if (map.get(row[column] as K) === row) map.delete(row[column] as K);
        for (const row of last.change.added) map.set(row[column] as K, row);
      } else map = new Map(rows.map((r) => [r[column] as K, r]));
      made.set(rows, map);
      return map;
    });
  }

  /** Rows grouped by `column`, each group in `compare` order; `keep` filters rows first. */
  grouped<E extends ObjectLiteral, K>(
    key: string,
    target: EntityTarget<E>,
    column: keyof E & string,
    compare: Compare<E>,
    keep: (row: E) => boolean = () => true,
  ): Promise<ReadonlyMap<K, readonly E[]>> {
    return this.derive(`grouped:${nameOf(target)}:${key}`, [target], async () =>
      groupRows((await this.rows(target)).filter(keep), (r) => r[column] as K, compare),
    );
  }

  /** A join table as owner id -> target ids. */
  links(
    table: string,
    ownerColumn: string,
    targetColumn: string,
  ): Promise<ReadonlyMap<number, readonly number[]>> {
    return this.table(
      `links:${table}:${ownerColumn}:${targetColumn}`,
      [table],
      readLinks(this.db, table, ownerColumn, targetColumn),
      { read: 'links', table, owner: ownerColumn, target: targetColumn },
    );
  }
}

/** Per column, the unique maps made from each list of rows (`unique`), to bring forward by a patch. */
const uniques = new Map<string, WeakMap<readonly ObjectLiteral[], Map<unknown, ObjectLiteral>>>();
function uniqueMaps(
  column: string,
): WeakMap<readonly ObjectLiteral[], Map<unknown, ObjectLiteral>> {
  let made = uniques.get(column);
  if (!made) uniques.set(column, (made = new WeakMap()));
  return made;
}

/** Reads the rows of `target` (those matching `where`), by id, frozen: a build for `derive`. */
function readRows<E extends ObjectLiteral>(
  db: DataSource,
  target: EntityTarget<E>,
  where?: Record<string, unknown>,
): () => Promise<readonly E[]> {
  return async () => {
    const rows = await onPrimary(db, (m) =>
      m.getRepository(target).find({ where: where as never, order: { id: 'ASC' } as never }),
    );
    return Object.freeze(rows.map((row) => Object.freeze(row)));
  };
}

/** Reads a join table as owner id -> target ids: a build for `derive`. */
function readLinks(
  db: DataSource,
  table: string,
  ownerColumn: string,
  targetColumn: string,
): () => Promise<ReadonlyMap<number, readonly number[]>> {
  return async () => {
    const rows: Record<string, unknown>[] = await onPrimary(db, (m) =>
      m.query(`SELECT ${ownerColumn} AS o, ${targetColumn} AS t FROM ${table}`),
    );
    const links = new Map<number, number[]>();
    for (const row of rows) {
      const owner = Number(row.o);
      const targets = links.get(owner);
      if (targets) targets.push(Number(row.t));
      else links.set(owner, [Number(row.t)]);
    }
    return links;
  };
}

/**
 * The tables a set of feed changes can have written, from the entities' metadata: a record's
 * own table, every table with a foreign key to its table (its link tables and child rows, such
 * as a role's skill requirements, which the feed lists under the role), and the citations of
 * those kinds (the part "citations:<entity name>", as `citations.subject_type` names them); for a
 * deletion, everything its deletion cascades to, transitively. 'all' for a kind with no entity.
 */
export function touchedTables(
  db: DataSource,
  changes: readonly GraphChange[],
): ReadonlySet<string> | 'all' {
  const touched = new Set<string>();
  for (const change of changes) {
    const own = db.entityMetadatas.find((m) => m.name === change.kind && !m.isJunction);
    if (!own) return 'all';
    const reached = new Set([own]);
    const frontier = [own];
    while (frontier.length) {
      const table = frontier.pop() as EntityMetadata;
      touched.add(table.tableName);
      for (const m of db.entityMetadatas) {
        if (reached.has(m) || !m.foreignKeys.some((fk) => fk.referencedEntityMetadata === table))
          continue;
        reached.add(m);
        touched.add(m.tableName);
        if (change.change === 'DELETED') frontier.push(m);
      }
    }
    for (const m of reached) touched.add(`${CITATIONS_TABLE}:${m.name}`);
  }
  return touched;
}

/** Citations name their record by type (the entity's name) and id, with no foreign key to follow. */
const CITATIONS_TABLE = 'citations';

/** Groups `rows` by `keyOf`, each group sorted by `compare` and frozen. */
export function groupRows<E, K>(
  rows: readonly E[],
  keyOf: (row: E) => K,
  compare: Compare<E>,
): ReadonlyMap<K, readonly E[]> {
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
export const graphTables: PerGraphVersion<GraphTables> = perGraphVersion(
  async (db) => new GraphTables(db),
  {
    update: async (previous, delta) => previous.after(delta),
  },
);
