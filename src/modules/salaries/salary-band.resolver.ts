import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray, ConnectionType } from '../../core/relay';
import { byId, MaybePromise } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { SalaryBand } from './salary-band.entity';
import { SalaryBandFilter } from './salary-band.inputs';
import { findSalaryBands } from './salary-band.service';

/** salaryBands a page at a time, with the true totalCount. */
export const SalaryBandConnection = ConnectionType(SalaryBand, 'SalaryBand');

@Resolver(() => SalaryBand)
export class SalaryBandResolver extends CitedResolver(SalaryBand, 'SalaryBand') {
  @Query(() => SalaryBandConnection, {
    description:
      'Pay figures as `salaryBands` gives them (same filter), a page at a time with the true totalCount.',
  })
  async salaryBandsConnection(
    @Args({ validate: false }) page: PageArgs,
    @Arg('filter', () => SalaryBandFilter, { nullable: true }) filter: SalaryBandFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<SalaryBand>> {
    return connectionFromArray(await this.salaryBands(filter, ctx), page);
  }

  @Query(() => [SalaryBand], {
    description:
      'Pay figures, newest first; a role or level slug that names nothing is BAD_USER_INPUT. The first `first` (100 at most); salaryBandsConnection pages through them all.',
  })
  async salaryBands(
    @Arg('filter', () => SalaryBandFilter, { nullable: true }) filter: SalaryBandFilter | null,
    @Ctx() ctx: Context,
  ): Promise<SalaryBand[]> {
    return findSalaryBands(ctx, filter);
  }

  @FieldResolver(() => Role)
  role(@Root() band: SalaryBand, @Ctx() ctx: Context): MaybePromise<Role> {
    return ctx.loaders.load(byId(Role), band.roleId) as MaybePromise<Role>;
  }

  @FieldResolver(() => RoleLevel, {
    nullable: true,
    description: 'Null when the band covers the whole role.',
  })
  level(@Root() band: SalaryBand, @Ctx() ctx: Context): MaybePromise<RoleLevel | null> {
    return band.levelId == null ? null : ctx.loaders.load(byId(RoleLevel), band.levelId);
  }
}
