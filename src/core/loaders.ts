import DataLoader from 'dataloader';
import { DataSource, EntityTarget, In, ObjectLiteral } from 'typeorm';

/** Builds one DataLoader; called at most once per request per factory. */
export type LoaderFactory<K, V> = (db: DataSource) => DataLoader<K, V>;

/** Per-request loaders, created on first use so a request pays only for what it touches. */
export class LoaderRegistry {
  private readonly loaders = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();

  constructor(readonly db: DataSource) {}

  use<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(factory as LoaderFactory<unknown, unknown>);
    if (!loader) {
      loader = factory(this.db) as DataLoader<unknown, unknown>;
      this.loaders.set(factory as LoaderFactory<unknown, unknown>, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

const memo = new Map<string, LoaderFactory<unknown, unknown>>();
function memoized<K, V>(key: string, make: () => LoaderFactory<K, V>): LoaderFactory<K, V> {
  if (!memo.has(key)) memo.set(key, make() as LoaderFactory<unknown, unknown>);
  return memo.get(key) as LoaderFactory<K, V>;
}

const nameOf = (target: EntityTarget<ObjectLiteral>) => (target as { name: string }).name;

/** Loads rows of `target` by a unique column (id, slug); a missing key gives null. */
export function byColumn<E extends ObjectLiteral, K extends string | number>(
  target: EntityTarget<E>,
  column: keyof E & string,
): LoaderFactory<K, E | null> {
  return memoized(`by:${nameOf(target)}:${column}`, () => (db) =>
    new DataLoader<K, E | null>(async (keys) => {
      const rows = await db.getRepository(target).find({ where: { [column]: In([...keys]) } as never });
      const map = new Map(rows.map((r) => [r[column] as K, r]));
      return keys.map((k) => map.get(k) ?? null);
    }),
  );
}

export const byId = <E extends ObjectLiteral>(target: EntityTarget<E>) => byColumn<E, number>(target, 'id' as keyof E & string);
export const bySlug = <E extends ObjectLiteral>(target: EntityTarget<E>) => byColumn<E, string>(target, 'slug' as keyof E & string);

/** Loads, for each key, every row of `target` whose `column` equals it, in `order`. */
export function groupedBy<E extends ObjectLiteral>(
  target: EntityTarget<E>,
  column: keyof E & string,
  order: Partial<Record<keyof E & string, 'ASC' | 'DESC'>> = { id: 'ASC' } as never,
): LoaderFactory<number, E[]> {
  return memoized(`group:${nameOf(target)}:${column}:${JSON.stringify(order)}`, () => (db) =>
    new DataLoader<number, E[]>(async (keys) => {
      const rows = await db.getRepository(target).find({ where: { [column]: In([...keys]) } as never, order: order as never });
      const groups = new Map<number, E[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[column] as number)?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    }),
  );
}

/**
 * Follows a join table from owners to targets in one statement: for each owner id, the target
 * rows linked to it, ordered by `orderColumn`.
 */
export function linked<E extends ObjectLiteral>(
  table: string,
  ownerColumn: string,
  targetColumn: string,
  target: EntityTarget<E>,
  orderColumn = 'name',
): LoaderFactory<number, E[]> {
  return memoized(`link:${table}:${ownerColumn}:${targetColumn}`, () => (db) =>
    new DataLoader<number, E[]>(async (owners) => {
      const { entities, raw } = await db
        .getRepository(target)
        .createQueryBuilder('e')
        .innerJoin(table, 'l', `l.${targetColumn} = e.id`)
        .addSelect(`l.${ownerColumn}`, 'link_owner')
        .where(`l.${ownerColumn} IN (:...owners)`, { owners: [...owners] })
        .orderBy(`e.${orderColumn}`, 'ASC')
        .addOrderBy('e.id', 'ASC')
        .getRawAndEntities();
      const byEntityId = new Map(entities.map((e) => [e.id as number, e]));
      const groups = new Map<number, E[]>(owners.map((o) => [o, []]));
      for (const row of raw as Record<string, unknown>[]) {
        const entity = byEntityId.get(Number(row.e_id));
        if (entity) groups.get(Number(row.link_owner))?.push(entity);
      }
      return owners.map((o) => groups.get(o) ?? []);
    }),
  );
}
