import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { findBySlug } from '../../core/slug-lookup';
import { Role } from '../roles/role.entity';
import { Employer } from './employer.entity';
import { Sector } from './sector.entity';

/** What a list of employers can be narrowed by (all optional). */
export interface EmployerQuery {
  sector?: string | null;
  offersInternships?: boolean | null;
  internshipsOffered?: boolean | null;
  /** A role slug: only employers cited as hiring for it. */
  role?: string | null;
}

/**
 * One page of employers by name, with the total (the `employers` query and the list_employers
 * tool); a sector or role slug that names nothing is BAD_USER_INPUT naming
 * `<argumentPrefix>sector` or `<argumentPrefix>role`.
 */
export async function findEmployers(
  ctx: Context,
  filter: EmployerQuery | null,
  page: { offset: number; limit: number },
  argumentPrefix = 'filter.',
): Promise<{ rows: Employer[]; total: number }> {
  const query = ctx.db.getRepository(Employer).createQueryBuilder('e');
  if (filter?.sector) {
    const sector = await findBySlug(ctx.loaders, Sector, filter.sector);
    if (!sector) throw badInput(`${argumentPrefix}sector`, `No sector has slug "${filter.sector}"`);
    query.innerJoin('employer_sectors', 'es', 'es.employer_id = e.id AND es.sector_id = :sector', {
      sector: sector.id,
    });
  }
  if (filter?.role) {
    const role = await findBySlug(ctx.loaders, Role, filter.role);
    if (!role) throw badInput(`${argumentPrefix}role`, `No role has slug "${filter.role}"`);
    query.innerJoin('employer_roles', 'er', 'er.employer_id = e.id AND er.role_id = :role', {
      role: role.id,
    });
  }
  if (filter?.offersInternships === true)
    query.andWhere('e.internshipsOffered = :oi', { oi: true });
  if (filter?.offersInternships === false)
    query.andWhere('(e.internshipsOffered IS NULL OR e.internshipsOffered = :oi)', { oi: false });
  if (filter?.internshipsOffered != null)
    query.andWhere('e.internshipsOffered = :io', { io: filter.internshipsOffered });
  const [rows, total] = await query
    .orderBy('e.name', 'ASC')
    .addOrderBy('e.id', 'ASC')
    .skip(page.offset)
    .take(page.limit)
    .getManyAndCount();
  return { rows, total };
}
