import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray, ConnectionType } from '../../core/relay';
import { MaybePromise } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { SalaryFactor } from './salary-factor.entity';
import { rolesOfSalaryFactor } from './salary.loader';

/** salaryFactors a page at a time, with the true totalCount. */
export const SalaryFactorConnection = ConnectionType(SalaryFactor, 'SalaryFactor');

@Resolver(() => SalaryFactor)
export class SalaryFactorResolver extends CitedResolver(SalaryFactor, 'SalaryFactor') {
  @Query(() => SalaryFactorConnection, {
    description:
      'What moves pay, in source order, a page at a time (`salaryFactors` gives at most 100).',
  })
  async salaryFactorsConnection(
    @Args({ validate: false }) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<SalaryFactor>> {
    return connectionFromArray(await this.salaryFactors(ctx), page);
  }

  @Query(() => [SalaryFactor], {
    description:
      'What moves pay, in the order the sources give: the first `first` (100 at most); salaryFactorsConnection pages through them all.',
  })
  async salaryFactors(@Ctx() ctx: Context): Promise<SalaryFactor[]> {
    return [...(await (await ctx.loaders.tables()).rows(SalaryFactor))];
  }

  @FieldResolver(() => [Role])
  roles(@Root() factor: SalaryFactor, @Ctx() ctx: Context): MaybePromise<Role[]> {
    return ctx.loaders.load(rolesOfSalaryFactor, factor.id);
  }
}
