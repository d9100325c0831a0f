import { EntityTarget, ObjectLiteral } from 'typeorm';
import { nameOf } from './graph-tables';
import { bySlug, indexed, LoaderRegistry } from './loaders';

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
export async function findBySlug<E extends ObjectLiteral>(
  loaders: LoaderRegistry,
  target: EntityTarget<E>,
  slug: string,
): Promise<E | null> {
  const exact = await loaders.use(bySlug(target)).load(slug);
  if (exact) return exact;
  const loose = looseSlug(slug);
  return loose ? loaders.use(byLooseSlug(target)).load(loose) : null;
}
