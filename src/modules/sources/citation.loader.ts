import DataLoader from 'dataloader';
import { Brackets } from 'typeorm';
import { LoaderFactory } from '../../core/loaders';
import { Citation, CitedType } from './citation.entity';

/** Key of a cited record: its type and row id. */
export type CitedKey = `${CitedType}:${number}`;

/** Citations of any mix of records, in one statement. */
export const citationsOf: LoaderFactory<CitedKey, Citation[]> = (db) =>
  new DataLoader<CitedKey, Citation[]>(async (keys) => {
    const byType = new Map<string, number[]>();
    for (const key of keys) {
      const [type, id] = key.split(':');
      byType.set(type, [...(byType.get(type) ?? []), Number(id)]);
    }
    const query = db.getRepository(Citation).createQueryBuilder('c');
    let i = 0;
    query.where(
      new Brackets((qb) => {
        for (const [type, ids] of byType) {
          i += 1;
          qb.orWhere(`(c.subjectType = :t${i} AND c.subjectId IN (:...ids${i}))`, { [`t${i}`]: type, [`ids${i}`]: ids });
        }
      }),
    );
    const rows = await query.orderBy('c.position', 'ASC').addOrderBy('c.id', 'ASC').getMany();
    const groups = new Map<string, Citation[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(`${row.subjectType}:${row.subjectId}`)?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
