import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId, bySlug, MaybePromise } from '../../core/loaders';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray } from '../../core/relay';
import { findBySlug } from '../../core/slug-lookup';
import { Certification } from '../certifications/certification.entity';
import { certificationsOfSkill } from '../certifications/certification.loader';
import { Role } from '../roles/role.entity';
import { searchIndex } from '../search/search.service';
import { CitedResolver } from '../sources/cited.resolver';
import { SkillConnection } from './skill.connection';
import { Skill } from './skill.entity';
import { SkillFilter } from './skill.inputs';
import { narrowerSkills, requirementsOfSkill } from './skill.loader';

@Resolver(() => Skill)
export class SkillResolver extends CitedResolver(Skill, 'Skill') {
  @Query(() => Skill, {
    nullable: true,
    description: 'A skill by slug (hyphens and case are forgiven), or null.',
  })
  skill(@Arg('slug') slug: string, @Ctx() ctx: Context): MaybePromise<Skill | null> {
    return findBySlug(ctx.loaders, Skill, slug);
  }

  @Query(() => SkillConnection, {
    description: 'Skills by name, or by relevance when filter.search is given.',
  })
  async skills(
    @Args({ validate: false }) page: PageArgs,
    @Arg('filter', () => SkillFilter, { nullable: true }) filter: SkillFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Skill>> {
    if (filter?.search) {
      // every match, ranked: totalCount is the true count and paging reaches the last one
      const hits = await searchIndex(ctx, filter.search, {
        types: ['Skill'],
        limit: Number.MAX_SAFE_INTEGER,
      });
      const found = await ctx.loaders.use(bySlug(Skill)).loadMany(hits.map((h) => h.slug));
      const skills = found.filter(
        (s): s is Skill =>
          s instanceof Skill && (!filter.category || s.category === filter.category),
      );
      return connectionFromArray(skills, page);
    }
    const skills = await (await ctx.loaders.tables()).ordered(Skill, 'name');
    return connectionFromArray(
      filter?.category ? skills.filter((s) => s.category === filter.category) : skills,
      page,
    );
  }

  @FieldResolver(() => Skill, {
    nullable: true,
    description: 'The wider skill this one is part of (Docker within server and cloud management).',
  })
  broader(@Root() skill: Skill, @Ctx() ctx: Context): MaybePromise<Skill | null> {
    return skill.broaderId == null ? null : ctx.loaders.load(byId(Skill), skill.broaderId);
  }

  @FieldResolver(() => [Skill], { description: 'The skills this one includes.' })
  narrower(@Root() skill: Skill, @Ctx() ctx: Context): MaybePromise<Skill[]> {
    return ctx.loaders.load(narrowerSkills, skill.id);
  }

  @FieldResolver(() => [Role], { description: 'Roles that ask for this skill, at any level.' })
  async roles(@Root() skill: Skill, @Ctx() ctx: Context): Promise<Role[]> {
    const requirements = await ctx.loaders.use(requirementsOfSkill).load(skill.id);
    const roleIds = [...new Set(requirements.map((r) => r.roleId))];
    const roles = await ctx.loaders.use(byId(Role)).loadMany(roleIds);
    return roles
      .filter((r): r is Role => r instanceof Role)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  @FieldResolver(() => [Certification], { description: 'Certifications that attest this skill.' })
  certifications(@Root() skill: Skill, @Ctx() ctx: Context): MaybePromise<Certification[]> {
    return ctx.loaders.load(certificationsOfSkill, skill.id);
  }
}
