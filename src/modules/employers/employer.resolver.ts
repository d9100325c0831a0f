import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromSlice, pageWindow } from '../../core/relay';
import { findBySlug } from '../../core/slug-lookup';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { EmployerConnection } from './employer.connection';
import { Employer } from './employer.entity';
import { EmployerFilter } from './employer.inputs';
import { rolesOfEmployer, sectorsOfEmployer } from './employer.loader';
import { Sector } from './sector.entity';

@Resolver(() => Employer)
export class EmployerResolver extends CitedResolver(Employer, 'Employer') {
  @Query(() => Employer, { nullable: true, description: 'An employer by slug, or null.' })
  employer(@Arg('slug') slug: string, @Ctx() ctx: Context): Promise<Employer | null> {
    return findBySlug(ctx.loaders, Employer, slug);
  }

  @Query(() => EmployerConnection, { description: 'Employers by name, optionally in one sector or offering internships.' })
  async employers(
    @Args() page: PageArgs,
    @Arg('filter', () => EmployerFilter, { nullable: true }) filter: EmployerFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Employer>> {
    const { offset, limit } = pageWindow(page);
    const query = ctx.db.getRepository(Employer).createQueryBuilder('e');
    if (filter?.sector) {
      const sector = await findBySlug(ctx.loaders, Sector, filter.sector);
      if (!sector) throw badInput('filter.sector', `No sector has slug "${filter.sector}"`);
      query.innerJoin('employer_sectors', 'es', 'es.employer_id = e.id AND es.sector_id = :sector', { sector: sector.id });
    }
    if (filter?.offersInternships != null) query.andWhere('e.offersInternships = :oi', { oi: filter.offersInternships });
    const [rows, total] = await query.orderBy('e.name', 'ASC').addOrderBy('e.id', 'ASC').skip(offset).take(limit).getManyAndCount();
    return connectionFromSlice(rows, offset, total);
  }

  @FieldResolver(() => [Sector])
  sectors(@Root() employer: Employer, @Ctx() ctx: Context): Promise<Sector[]> {
    return ctx.loaders.use(sectorsOfEmployer).load(employer.id);
  }

  @FieldResolver(() => [Role], { description: 'Roles the employer is cited as hiring for.' })
  roles(@Root() employer: Employer, @Ctx() ctx: Context): Promise<Role[]> {
    return ctx.loaders.use(rolesOfEmployer).load(employer.id);
  }
}
