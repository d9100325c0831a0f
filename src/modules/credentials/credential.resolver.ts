import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { MaybePromise } from '../../core/loaders';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray } from '../../core/relay';
import { findBySlug } from '../../core/slug-lookup';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { CredentialConnection } from './credential.connection';
import { Credential } from './credential.entity';
import { rolesOfCredential } from './credential.loader';

@Resolver(() => Credential)
export class CredentialResolver extends CitedResolver(Credential, 'Credential') {
  @Query(() => Credential, { nullable: true, description: 'An education route by slug, or null.' })
  credential(@Arg('slug') slug: string, @Ctx() ctx: Context): MaybePromise<Credential | null> {
    return findBySlug(ctx.loaders, Credential, slug);
  }

  @Query(() => CredentialConnection, {
    description: 'Education routes, in the order the sources give them.',
  })
  async credentials(
    @Args({ validate: false }) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Credential>> {
    return connectionFromArray(await (await ctx.loaders.tables()).rows(Credential), page);
  }

  @FieldResolver(() => [Role], { description: 'Roles the route prepares for.' })
  roles(@Root() credential: Credential, @Ctx() ctx: Context): MaybePromise<Role[]> {
    return ctx.loaders.load(rolesOfCredential, credential.id);
  }
}
