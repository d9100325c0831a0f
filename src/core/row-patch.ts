import {
  Brackets,
  DataSource,
  EntityManager,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
} from 'typeorm';
import { onPrimary } from './data-source';
import type { GraphChange } from './graph-snapshot';

/** Above this many changes in one delta, the tables they touch are read again whole. */
export const MAX_PATCHED_CHANGES = 50;

/** Citations name their record by type and id (no foreign key): the part of one type is patched by id. */
const CITATIONS = { table: 'citations', idProperty: 'subjectId', idColumn: 'subject_id' };

/** A column whose value, for a row a write can have changed, is the id of a record the delta names. */
export interface Reach {
  /** The entity's property (for an entity's rows). */
  property: string;
  /** The table's column (for a join table read raw). */
  column: string;
  kind: EntityMetadata;
}

/** A reach with the ids it takes, as they stand now. */
interface Bound extends Reach {
  ids: ReadonlySet<number>;
}

/**
 * A delta of the change feed as rows to read again: every change is a record created or updated,
 * named by kind and slug. A write of record R (the feed names one record per write: a link or a
 * skill requirement under its owner) changes R's own row, rows whose foreign key holds R's id (its
 * levels, requirements, links) and R's citations, which is what touchedTables reads the tables of;
 * here the same is read by those ids alone, so a write costs its own rows rather than its tables.
 * Deletions (their cascades reach further), kinds without a slug and large deltas read whole.
 */
export class RowPatch {
  private readonly ids = new Map<EntityMetadata, Promise<ReadonlySet<number>>>();

  private constructor(
    private readonly db: DataSource,
    private readonly keys: ReadonlyMap<EntityMetadata, readonly string[]>,
    private readonly touched: ReadonlySet<string>,
  ) {}

  /** The delta as row patches, or null when some change needs its tables read whole. */
  static of(
    db: DataSource,
    changes: readonly GraphChange[],
    touched: ReadonlySet<string>,
  ): RowPatch | null {
    if (changes.length > MAX_PATCHED_CHANGES) return null;
    const keys = new Map<EntityMetadata, string[]>();
    for (const change of changes) {
      if (change.change === 'DELETED') return null;
      const kind = db.entityMetadatas.find((m) => m.name === change.kind && !m.isJunction);
      if (!kind?.columns.some((c) => c.propertyName === 'slug')) return null;
      const list = keys.get(kind) ?? [];
      list.push(change.key);
      keys.set(kind, list);
    }
    return new RowPatch(db, keys, touched);
  }

  /**
   * How to find the rows of `dependency` (a table, or "citations:<type>") the delta can have
   * written; null when they cannot be told apart from the rest (read it whole).
   */
  reachesOf(dependency: string): Reach[] | null {
    const colon = dependency.indexOf(':');
    const table = colon < 0 ? dependency : dependency.slice(0, colon);
    const part = colon < 0 ? undefined : dependency.slice(colon + 1);
    const meta = this.db.entityMetadatas.find((m) => m.tableName === table);
    if (!meta) return null;
    const reaches: Reach[] = [];
    if (this.touched.has(table)) {
      for (const kind of this.keys.keys()) {
        if (kind === meta) reaches.push({ property: 'id', column: 'id', kind });
        for (const fk of meta.foreignKeys) {
          if (fk.referencedEntityMetadata !== kind) continue;
          for (const c of fk.columns)
            reaches.push({ property: c.propertyName, column: c.databaseName, kind });
        }
      }
      if (!reaches.length) return null;
    }
    if (table === CITATIONS.table) {
      // the whole table holds parts of types the delta may only reach through a child record
      if (part === undefined) return null;
      if (this.touched.has(dependency)) {
        const kind = [...this.keys.keys()].find((k) => k.name === part);
        // a child's citations (a role's levels' or requirements'), written with its parent: whole
        if (!kind || this.childOfAnother(kind)) return null;
        reaches.push({ property: CITATIONS.idProperty, column: CITATIONS.idColumn, kind });
      }
    }
    return reaches.length ? reaches : null;
  }

  /** Whether `kind`'s records point at those of another kind the delta names (its citations may change with them). */
  private childOfAnother(kind: EntityMetadata): boolean {
    return kind.foreignKeys.some(
      (fk) => fk.referencedEntityMetadata !== kind && this.keys.has(fk.referencedEntityMetadata),
    );
  }

  /** `rows` (by id, frozen) with every row `reaches` finds read again, as one would read them now. */
  async patchRows<E extends ObjectLiteral>(
    manager: EntityManager,
    target: EntityTarget<E>,
    rows: readonly E[],
    reaches: readonly Reach[],
    part?: { property: string; value: string },
  ): Promise<readonly E[]> {
    const bound = await this.bind(reaches);
    if (!bound.length) return rows;
    const query = manager
      .getRepository(target)
      .createQueryBuilder('r')
      .where(anyIn('r', bound, (b) => b.property))
      .orderBy('r.id', 'ASC');
    if (part) query.andWhere(`r.${part.property} = :part`, { part: part.value });
    const read = await query.getMany();
    const readIds = new Set(read.map((row) => row.id as number));
    const kept: E[] = [];
    const before = new Map<unknown, E>();
    for (const row of rows) {
      if (readIds.has(row.id) || bound.some((b) => b.ids.has(row[b.property])))
        before.set(row.id, row);
      else kept.push(row);
    }
    // a row the write left as it was stays the same object, and the rows the same list when no row
    // changed: what was computed from them can then be kept (GraphTables.after)
    const added: E[] = [];
    const fresh = read.map((row) => {
      const old = before.get(row.id);
      if (old && sameRow(old, row)) return old;
      added.push(row);
      return Object.freeze(row);
    });
    if (!added.length && before.size === read.length) return rows;
    const next = Object.freeze(mergeById(kept, fresh));
    const staying = new Set(fresh);
    const removed = [...before.values()].filter((row) => !staying.has(row));
    changes.set(next, { from: new WeakRef(rows), removed, added });
    return next;
  }

  /** A join table's owner -> targets with every pair `reaches` finds read again. */
  async patchLinks(
    manager: EntityManager,
    table: string,
    ownerColumn: string,
    targetColumn: string,
    links: ReadonlyMap<number, readonly number[]>,
    reaches: readonly Reach[],
  ): Promise<ReadonlyMap<number, readonly number[]>> {
    if (reaches.some((r) => r.column !== ownerColumn && r.column !== targetColumn)) {
      throw new Error(`row patch: ${table} is reached through a column it does not link`);
    }
    const bound = await this.bind(reaches);
    if (!bound.length) return links;
    const fresh: Record<string, unknown>[] = await manager
      .createQueryBuilder()
      .select(`l.${ownerColumn}`, 'o')
      .addSelect(`l.${targetColumn}`, 't')
      .from(table, 'l')
      .where(anyIn('l', bound, (b) => b.column))
      .getRawMany();
    const hit = (owner: number, target: number) =>
      bound.some((b) => b.ids.has(b.column === ownerColumn ? owner : target));
    const removed = new Set<string>();
    const hitOwners: number[] = [];
    for (const [owner, targets] of links) {
      let any = false;
      for (const target of targets) {
        if (!hit(owner, target)) continue;
        removed.add(`${owner}:${target}`);
        any = true;
      }
      if (any) hitOwners.push(owner);
    }
    // the same pairs as before: the same map, so what was computed from it can be kept
    const same =
      removed.size === fresh.length &&
      fresh.every((row) => removed.has(`${Number(row.o)}:${Number(row.t)}`));
    if (same) return links;
    // the other owners' lists are shared with the previous map (neither is changed once made);
    // a list is copied before a pair is added to it
    const next = new Map(links) as Map<number, number[]>;
    const own = new Set<number[]>();
    for (const owner of hitOwners) {
      const left = (links.get(owner) as readonly number[]).filter((target) => !hit(owner, target));
      if (left.length) {
        next.set(owner, left);
        own.add(left);
      } else next.delete(owner);
    }
    for (const row of fresh) {
      const owner = Number(row.o);
      let list = next.get(owner);
      if (list && !own.has(list)) {
        list = [...list];
        next.set(owner, list);
        own.add(list);
      }
      if (list) list.push(Number(row.t));
      else {
        list = [Number(row.t)];
        next.set(owner, list);
        own.add(list);
      }
    }
    return next;
  }

  /** Each reach with the ids of the records the delta names, as they are now (read once per kind). */
  private async bind(reaches: readonly Reach[]): Promise<Bound[]> {
    const bound = await Promise.all(
      reaches.map(async (reach) => ({ ...reach, ids: await this.idsOf(reach.kind) })),
    );
    return bound.filter((b) => b.ids.size > 0);
  }

  private idsOf(kind: EntityMetadata): Promise<ReadonlySet<number>> {
    let ids = this.ids.get(kind);
    if (!ids) {
      const slugs = this.keys.get(kind) ?? [];
      ids = onPrimary(this.db, (m) =>
        m
          .getRepository(kind.target)
          .createQueryBuilder('k')
          .select('k.id', 'id')
          .where('k.slug IN (:...slugs)', { slugs })
          .getRawMany(),
      ).then((rows: { id: number | string }[]) => new Set(rows.map((r) => Number(r.id))));
      // a failed read is not kept: the next request's patch asks again
      ids.catch(() => this.ids.delete(kind));
      this.ids.set(kind, ids);
    }
    return ids;
  }
}

/** `alias.<column> IN (ids)` for any of `bound`, as one bracketed condition. */
function anyIn(alias: string, bound: readonly Bound[], column: (b: Bound) => string): Brackets {
  return new Brackets((w) =>
    bound.forEach((b, i) =>
      w.orWhere(`${alias}.${column(b)} IN (:...ids${i})`, { [`ids${i}`]: [...b.ids] }),
    ),
  );
}

/** What a patch changed in a list of rows: the rows it dropped and those it added (a changed row is both). */
export interface RowChange<E> {
  /** The list it was made from; weakly, so a chain of versions does not keep every old list. */
  from: WeakRef<readonly E[]>;
  removed: readonly E[];
  added: readonly E[];
}

const changes = new WeakMap<readonly ObjectLiteral[], RowChange<ObjectLiteral>>();

/**
 * What was `made` from the list `rows` was patched from, and what the patch changed: lets a value
 * computed from a table be brought forward by the change rather than computed again from every
 * row. Undefined for a list read whole, or when the earlier list or its value is gone.
 */
export function sinceLast<E extends ObjectLiteral, T>(
  rows: readonly E[],
  made: WeakMap<readonly E[], T>,
): { previous: T; change: RowChange<E> } | undefined {
  const change = changes.get(rows) as RowChange<E> | undefined;
  const from = change?.from.deref();
  const previous = from && made.get(from);
  return change && previous !== undefined ? { previous, change } : undefined;
}

/** Whether two reads of a row hold the same values (rows of one entity, hydrated alike). */
function sameRow(a: ObjectLiteral, b: ObjectLiteral): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Two lists of rows ordered by id, as one. */
function mergeById<E extends ObjectLiteral>(a: readonly E[], b: readonly E[]): E[] {
  const out: E[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].id < b[j].id)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
