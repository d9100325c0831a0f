import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { MaybePromise } from '../../core/loaders';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromSlice, pageWindow } from '../../core/relay';
import { findBySlug } from '../../core/slug-lookup';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { EmployerConnection } from './employer.connection';
import { Employer } from './employer.entity';
import { EmployerFilter } from './employer.inputs';
import { findEmployers } from './employer.service';
import { rolesOfEmployer, sectorsOfEmployer } from './employer.loader';
import { Sector } from './sector.entity';

@Resolver(() => Employer)
export class EmployerResolver extends CitedResolver(Employer, 'Employer') {
  @Query(() => Employer, { nullable: true, description: 'An employer by slug, or null.' })
  employer(@Arg('slug') slug: string, @Ctx() ctx: Context): MaybePromise<Employer | null> {
    return findBySlug(ctx.loaders, Employer, slug);
  }

  @Query(() => EmployerConnection, {
    description: 'Employers by name, optionally in one sector or offering internships.',
  })
  async employers(
    @Args({ validate: false }) page: PageArgs,
    @Arg('filter', () => EmployerFilter, { nullable: true }) filter: EmployerFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Employer>> {
    const { offset, limit } = pageWindow(page);
    const { rows, total } = await findEmployers(ctx, filter, { offset, limit });
    return connectionFromSlice(rows, offset, total);
  }

  @FieldResolver(() => [Sector])
  sectors(@Root() employer: Employer, @Ctx() ctx: Context): MaybePromise<Sector[]> {
    return ctx.loaders.load(sectorsOfEmployer, employer.id);
  }

  @FieldResolver(() => [Role], { description: 'Roles the employer is cited as hiring for.' })
  roles(@Root() employer: Employer, @Ctx() ctx: Context): MaybePromise<Role[]> {
    return ctx.loaders.load(rolesOfEmployer, employer.id);
  }
}
