import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId, MaybePromise } from '../../core/loaders';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray } from '../../core/relay';
import { findBySlug } from '../../core/slug-lookup';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { CertificationConnection } from './certification.connection';
import { Certification } from './certification.entity';
import {
  levelsOfCertification,
  rolesOfCertification,
  skillsOfCertification,
} from './certification.loader';
import { Organization } from './organization.entity';

@Resolver(() => Certification)
export class CertificationResolver extends CitedResolver(Certification, 'Certification') {
  @Query(() => Certification, { nullable: true, description: 'A certification by slug, or null.' })
  certification(
    @Arg('slug') slug: string,
    @Ctx() ctx: Context,
  ): MaybePromise<Certification | null> {
    return findBySlug(ctx.loaders, Certification, slug);
  }

  @Query(() => CertificationConnection, { description: 'Certifications by name.' })
  async certifications(
    @Args({ validate: false }) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Certification>> {
    return connectionFromArray(
      await (await ctx.loaders.tables()).ordered(Certification, 'name'),
      page,
    );
  }

  @FieldResolver(() => Organization)
  issuer(@Root() cert: Certification, @Ctx() ctx: Context): MaybePromise<Organization> {
    return ctx.loaders.load(byId(Organization), cert.issuerId) as MaybePromise<Organization>;
  }

  @FieldResolver(() => [Skill], { description: 'Skills the certification attests.' })
  skills(@Root() cert: Certification, @Ctx() ctx: Context): MaybePromise<Skill[]> {
    return ctx.loaders.load(skillsOfCertification, cert.id);
  }

  @FieldResolver(() => [Role], { description: 'Roles the certification is cited for.' })
  roles(@Root() cert: Certification, @Ctx() ctx: Context): MaybePromise<Role[]> {
    return ctx.loaders.load(rolesOfCertification, cert.id);
  }

  @FieldResolver(() => [RoleLevel], {
    description: 'Role levels the certification especially suits.',
  })
  levels(@Root() cert: Certification, @Ctx() ctx: Context): MaybePromise<RoleLevel[]> {
    return ctx.loaders.load(levelsOfCertification, cert.id);
  }
}
