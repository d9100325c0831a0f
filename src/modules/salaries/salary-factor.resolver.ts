import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { MaybePromise } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { SalaryFactor } from './salary-factor.entity';
import { rolesOfSalaryFactor } from './salary.loader';

@Resolver(() => SalaryFactor)
export class SalaryFactorResolver extends CitedResolver(SalaryFactor, 'SalaryFactor') {
  @Query(() => [SalaryFactor], { description: 'What moves pay, in the order the sources give.' })
  async salaryFactors(@Ctx() ctx: Context): Promise<SalaryFactor[]> {
    return [...(await (await ctx.loaders.tables()).rows(SalaryFactor))];
  }

  @FieldResolver(() => [Role])
  roles(@Root() factor: SalaryFactor, @Ctx() ctx: Context): MaybePromise<Role[]> {
    return ctx.loaders.load(rolesOfSalaryFactor, factor.id);
  }
}
