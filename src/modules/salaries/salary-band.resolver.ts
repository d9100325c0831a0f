import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { SalaryBand } from './salary-band.entity';
import { SalaryBandFilter } from './salary-band.inputs';
import { findSalaryBands } from './salary-band.service';

@Resolver(() => SalaryBand)
export class SalaryBandResolver extends CitedResolver(SalaryBand, 'SalaryBand') {
  @Query(() => [SalaryBand], { description: 'Pay figures, newest first; a role or level slug that names nothing is BAD_USER_INPUT.' })
  async salaryBands(
    @Arg('filter', () => SalaryBandFilter, { nullable: true }) filter: SalaryBandFilter | null,
    @Ctx() ctx: Context,
  ): Promise<SalaryBand[]> {
    return findSalaryBands(ctx, filter);
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
