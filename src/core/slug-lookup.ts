import { EntityTarget, ObjectLiteral } from 'typeorm';
import { nameOf } from './graph-tables';
import { bySlug, indexed, LoaderRegistry } from './loaders';
import { MaybePromise, then } from './maybe-promise';

/** Slugs compared without hyphens or case, so "back-end-developer" finds "backend-developer". */
export const looseSlug = (slug: string) => slug.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Rows by loose slug; where two slugs differ only in hyphens, the older row (lower id) wins. */
const byLooseSlug = <E extends ObjectLiteral>(target: EntityTarget<E>) =>
  indexed<string, E | null>(
    `loose:${nameOf(target)}`,
    [target],
    async (t) => {
      const index = new Map<string, E>();
      for (const row of await t.rows(target)) {
        const key = looseSlug(row.slug as string);
        if (!index.has(key)) index.set(key, row);
      }
      return index;
    },
    () => null,
  );

/** The record with this slug, or the one whose slug differs only in hyphens and case, or null. */
export function findBySlug<E extends ObjectLiteral>(
  loaders: LoaderRegistry,
  target: EntityTarget<E>,
  slug: string,
): MaybePromise<E | null> {
  return then(loaders.load(bySlug<E>(target), slug), (exact) => {
    if (exact) return exact;
    const loose = looseSlug(slug);
    return loose ? loaders.load(byLooseSlug(target), loose) : null;
  });
}
