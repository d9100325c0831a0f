import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { byId } from '../../core/loaders';
import { findBySlug } from '../../core/slug-lookup';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { SalaryBand } from './salary-band.entity';
import { SalaryBandFilter } from './salary-band.inputs';

@Resolver(() => SalaryBand)
export class SalaryBandResolver extends CitedResolver(SalaryBand, 'SalaryBand') {
  @Query(() => [SalaryBand], { description: 'Pay figures, newest first; a role or level slug that names nothing is BAD_USER_INPUT.' })
  async salaryBands(
    @Arg('filter', () => SalaryBandFilter, { nullable: true }) filter: SalaryBandFilter | null,
    @Ctx() ctx: Context,
  ): Promise<SalaryBand[]> {
    const query = ctx.db.getRepository(SalaryBand).createQueryBuilder('b');
    if (filter?.role) {
      const role = await findBySlug(ctx.loaders, Role, filter.role);
      if (!role) throw badInput('filter.role', `No role has slug "${filter.role}"`);
      query.andWhere('b.roleId = :role', { role: role.id });
    }
    if (filter?.level) {
      const level = await findBySlug(ctx.loaders, RoleLevel, filter.level);
      if (!level) throw badInput('filter.level', `No role level has slug "${filter.level}"`);
      query.andWhere('b.levelId = :level', { level: level.id });
    }
    if (filter?.region) query.andWhere('LOWER(b.region) = LOWER(:region)', { region: filter.region });
    if (filter?.year != null) query.andWhere('b.year = :year', { year: filter.year });
    if (filter?.currency) query.andWhere('b.currency = :currency', { currency: filter.currency.toUpperCase() });
    return query.orderBy('b.roleId', 'ASC').addOrderBy('b.id', 'ASC').getMany();
  }

  @FieldResolver(() => Role)
  async role(@Root() band: SalaryBand, @Ctx() ctx: Context): Promise<Role> {
    return (await ctx.loaders.use(byId(Role)).load(band.roleId)) as Role;
  }

  @FieldResolver(() => RoleLevel, { nullable: true, description: 'Null when the band covers the whole role.' })
  level(@Root() band: SalaryBand, @Ctx() ctx: Context): Promise<RoleLevel | null> | null {
    return band.levelId == null ? null : ctx.loaders.use(byId(RoleLevel)).load(band.levelId);
  }
}
