import { EntityManager } from 'typeorm';
import { compact } from '../../core/compact';
import { Role } from '../roles/role.entity';
import { Source } from '../sources/source.entity';
import { Occupation } from './occupation.entity';
import { RoleOccupation } from './role-occupation.entity';
import { publishedFigure, WageStatistic } from './wage-statistic.entity';

/** The occupation records as seed records (`occupations.yaml`), in the format the loader reads. */
export async function occupationSeeds(db: EntityManager): Promise<Record<string, unknown>[]> {
  const order = { order: { id: 'ASC' } } as const;
  // one query at a time: inside the seed merge's transaction they share one connection
  const occupations = await db.getRepository(Occupation).find(order);
  const mappings = await db.getRepository(RoleOccupation).find(order);
  const wages = await db.getRepository(WageStatistic).find(order);
  const roles = await db.getRepository(Role).find();
  const sources = await db.getRepository(Source).find();
  const roleSlug = new Map(roles.map((r) => [r.id, r.slug]));
  const sourceSlug = new Map(sources.map((s) => [s.id, s.slug]));
  return occupations.map((o) =>
    compact({
      system: o.system,
      code: o.code,
      title: o.title,
      classification: sourceSlug.get(o.sourceId),
      url: o.url,
      readOn: o.readOn,
      roles: mappings
        .filter((m) => m.occupationId === o.id)
        .map((m) => compact({ role: roleSlug.get(m.roleId), match: m.match, note: m.note })),
      wages: wages.filter((w) => w.occupationId === o.id).map((w) => compact(publishedFigure(w))),
    }),
  );
}
