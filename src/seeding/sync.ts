import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';

/** How many rows a load wrote; all zeros on a second run over the same files. */
export interface SyncReport {
  inserted: number;
  updated: number;
  deleted: number;
}

const same = (a: unknown, b: unknown): boolean => {
  if (a == null && b == null) return true;
  if (typeof a === 'object' || typeof b === 'object')
    return JSON.stringify(a) === JSON.stringify(b);
  // sqlite hands booleans back as 0/1
  if (typeof a === 'boolean' || typeof b === 'boolean') return Boolean(a) === Boolean(b);
  return a === b;
};

/** Writes only what differs between the rows wanted and the rows stored. */
export class TableSync {
  readonly report: SyncReport = { inserted: 0, updated: 0, deleted: 0 };

  constructor(private readonly em: EntityManager) {}

  /**
   * Makes the stored rows of `target` match `wanted`, matching rows by `keyOf`. Stored rows for
   * which `owned` is true and that are not wanted are deleted. Returns each key's row id.
   */
  async rows<E extends ObjectLiteral & { id: number }>(
    target: EntityTarget<E>,
    wanted: Partial<E>[],
    keyOf: (row: Partial<E>) => string,
    owned: (row: E) => boolean = () => false,
  ): Promise<Map<string, number>> {
    const repo = this.em.getRepository(target);
    const stored = new Map<string, E>();
    // two stored rows under one key (left by an older loader): the later is kept, an owned earlier one goes
    const doubles: number[] = [];
    for (const row of await repo.find()) {
      const key = keyOf(row);
      const earlier = stored.get(key);
      if (earlier && owned(earlier)) doubles.push(earlier.id);
      stored.set(key, row);
    }
    const ids = new Map<string, number>();
    for (const row of wanted) {
      const key = keyOf(row);
      const current = stored.get(key);
      if (!current) {
        const result = await repo.insert(row as never);
        ids.set(key, result.identifiers[0].id as number);
        this.report.inserted += 1;
        continue;
      }
      ids.set(key, current.id);
      const changes = Object.fromEntries(
        Object.entries(row).filter(([field, value]) => !same(value, current[field])),
      );
      if (Object.keys(changes).length) {
        // a versioned record moves on, so an editor holding the old version cannot overwrite it
        if (typeof current.version === 'number')
          Object.assign(changes, { version: current.version + 1 });
        await repo.update(current.id, changes as never);
        this.report.updated += 1;
      }
    }
    const stale = [...stored.entries()]
      .filter(([key, row]) => !ids.has(key) && owned(row))
      .map(([, row]) => row.id)
      .concat(doubles);
    if (stale.length) {
      await repo.delete({ id: In(stale) } as never);
      this.report.deleted += stale.length;
    }
    return ids;
  }

  /** Makes a join table's pairs for the given owners exactly `pairs`. */
  async links(
    table: string,
    ownerColumn: string,
    targetColumn: string,
    owners: number[],
    pairs: [number, number][],
  ) {
    if (owners.length === 0) return;
    const stored: Record<string, number>[] = await this.em
      .createQueryBuilder()
      .select([`t.${ownerColumn} AS owner`, `t.${targetColumn} AS target`])
      .from(table, 't')
      .where(`t.${ownerColumn} IN (:...owners)`, { owners })
      .getRawMany();
    const key = (owner: number, target: number) => `${owner}:${target}`;
    const have = new Set(stored.map((r) => key(Number(r.owner), Number(r.target))));
    const want = new Set(pairs.map(([o, t]) => key(o, t)));
    const toInsert = pairs.filter(([o, t]) => !have.has(key(o, t)));
    const unique = [...new Map(toInsert.map((p) => [key(p[0], p[1]), p])).values()];
    for (let i = 0; i < unique.length; i += 200) {
      const values = unique
        .slice(i, i + 200)
        .map(([o, t]) => ({ [ownerColumn]: o, [targetColumn]: t }));
      await this.em.createQueryBuilder().insert().into(table).values(values).execute();
    }
    this.report.inserted += unique.length;
    for (const r of stored) {
      const [o, t] = [Number(r.owner), Number(r.target)];
      if (want.has(key(o, t))) continue;
      await this.em
        .createQueryBuilder()
        .delete()
        .from(table)
        .where(`${ownerColumn} = :o AND ${targetColumn} = :t`, { o, t })
        .execute();
      this.report.deleted += 1;
    }
  }
}
