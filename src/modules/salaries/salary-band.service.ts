import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { findBySlug } from '../../core/slug-lookup';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { SalaryBand } from './salary-band.entity';

/** What a list of salary bands can be narrowed by (all optional). */
export interface SalaryBandQuery {
  role?: string | null;
  level?: string | null;
  region?: string | null;
  year?: number | null;
  currency?: string | null;
}

/**
 * Pay figures matching `filter`, by role then as stored (the `salaryBands` query and the
 * salary_bands tool); a role or level slug that names nothing is BAD_USER_INPUT naming
 * `<argumentPrefix>role` or `<argumentPrefix>level`.
 */
export async function findSalaryBands(
  ctx: Context,
  filter: SalaryBandQuery | null,
  argumentPrefix = 'filter.',
): Promise<SalaryBand[]> {
  const query = ctx.db.getRepository(SalaryBand).createQueryBuilder('b');
  if (filter?.role) {
    const role = await findBySlug(ctx.loaders, Role, filter.role);
    if (!role) throw badInput(`${argumentPrefix}role`, `No role has slug "${filter.role}"`);
    query.andWhere('b.roleId = :role', { role: role.id });
  }
  if (filter?.level) {
    const level = await findBySlug(ctx.loaders, RoleLevel, filter.level);
    if (!level)
      throw badInput(`${argumentPrefix}level`, `No role level has slug "${filter.level}"`);
    query.andWhere('b.levelId = :level', { level: level.id });
  }
  if (filter?.region) query.andWhere('LOWER(b.region) = LOWER(:region)', { region: filter.region });
  if (filter?.year != null) query.andWhere('b.year = :year', { year: filter.year });
  if (filter?.currency)
    query.andWhere('b.currency = :currency', { currency: filter.currency.toUpperCase() });
  return query.orderBy('b.roleId', 'ASC').addOrderBy('b.id', 'ASC').getMany();
}
