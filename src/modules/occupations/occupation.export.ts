import { DataSource } from 'typeorm';
import { Role } from '../roles/role.entity';
import { Source } from '../sources/source.entity';
import { Occupation } from './occupation.entity';
import { RoleOccupation } from './role-occupation.entity';
import { WageStatistic } from './wage-statistic.entity';

const compact = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));

/** The occupation records as seed files (`occupations.yaml`), in the format the loader reads. */
export async function occupationFiles(db: DataSource): Promise<Record<string, Record<string, unknown>>> {
  const order = { order: { id: 'ASC' } } as const;
  const [occupations, mappings, wages, roles, sources] = await Promise.all([
    db.getRepository(Occupation).find(order), db.getRepository(RoleOccupation).find(order), db.getRepository(WageStatistic).find(order),
    db.getRepository(Role).find(), db.getRepository(Source).find(),
  ]);
  if (!occupations.length) return {};
  const roleSlug = new Map(roles.map((r) => [r.id, r.slug]));
  const sourceSlug = new Map(sources.map((s) => [s.id, s.slug]));
  return {
    'occupations.yaml': {
      occupations: occupations.map((o) => compact({
        system: o.system, code: o.code, title: o.title, classification: sourceSlug.get(o.sourceId), url: o.url, readOn: o.readOn,
        roles: mappings.filter((m) => m.occupationId === o.id).map((m) => compact({ role: roleSlug.get(m.roleId), match: m.match, note: m.note })),
        wages: wages.filter((w) => w.occupationId === o.id).map((w) => compact({
          statistic: w.statistic, amount: w.amount, currency: w.currency, period: w.period, region: w.region, year: w.year,
          referencePeriod: w.referencePeriod, publisher: w.publisher, url: w.url, readOn: w.readOn, note: w.note,
        })),
      })),
    },
  };
}
