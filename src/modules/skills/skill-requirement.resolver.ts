import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId, MaybePromise } from '../../core/loaders';
import { SkillRequirement } from './skill-requirement.entity';
import { Skill } from './skill.entity';
import { requirementGlobalId } from '../nodes/composite-ids';

@Resolver(() => SkillRequirement)
export class SkillRequirementResolver {
  @FieldResolver(() => ID, {
    name: 'id',
    description:
      'Opaque global id, made of the slugs of the role, the level (for a level-only requirement) and the skill; stable across reloads of the same data.',
  })
  globalId(@Root() requirement: SkillRequirement, @Ctx() ctx: Context): MaybePromise<string> {
    return requirementGlobalId(ctx, requirement);
  }

  @FieldResolver(() => Skill)
  skill(@Root() requirement: SkillRequirement, @Ctx() ctx: Context): MaybePromise<Skill> {
    return ctx.loaders.load(byId(Skill), requirement.skillId) as MaybePromise<Skill>;
  }
}
