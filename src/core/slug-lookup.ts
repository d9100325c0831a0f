import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { bySlug } from './loaders';
import { LoaderRegistry } from './loaders';

/** Slugs compared without hyphens or case, so "back-end-developer" finds "backend-developer". */
export const looseSlug = (slug: string) => slug.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The record with this slug, or the one whose slug differs only in hyphens and case, or null. */
export async function findBySlug<E extends ObjectLiteral>(
  loaders: LoaderRegistry,
  target: EntityTarget<E>,
  slug: string,
): Promise<E | null> {
  const exact = await loaders.use(bySlug(target)).load(slug);
  if (exact) return exact;
  return looseMatch(loaders.db, target, slug);
}

async function looseMatch<E extends ObjectLiteral>(db: DataSource, target: EntityTarget<E>, slug: string): Promise<E | null> {
  const loose = looseSlug(slug);
  if (!loose) return null;
  return db
    .getRepository(target)
    .createQueryBuilder('e')
    .where("REPLACE(e.slug, '-', '') = :loose", { loose })
    .orderBy('e.id', 'ASC')
    .getOne();
}
