import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId, MaybePromise } from '../../core/loaders';
import { SkillRequirement } from './skill-requirement.entity';
import { Skill } from './skill.entity';

@Resolver(() => SkillRequirement)
export class SkillRequirementResolver {
  @FieldResolver(() => Skill)
  skill(@Root() requirement: SkillRequirement, @Ctx() ctx: Context): MaybePromise<Skill> {
    return ctx.loaders.load(byId(Skill), requirement.skillId) as MaybePromise<Skill>;
  }
}
