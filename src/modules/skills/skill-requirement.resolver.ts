import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId } from '../../core/loaders';
import { SkillRequirement } from './skill-requirement.entity';
import { Skill } from './skill.entity';

@Resolver(() => SkillRequirement)
export class SkillRequirementResolver {
  @FieldResolver(() => Skill)
  async skill(@Root() requirement: SkillRequirement, @Ctx() ctx: Context): Promise<Skill> {
    return (await ctx.loaders.use(byId(Skill)).load(requirement.skillId)) as Skill;
  }
}
