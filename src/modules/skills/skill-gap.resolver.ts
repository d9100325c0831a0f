import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../../core/context';
import { resolveLevel } from '../paths/path.service';
import { levelOnlyRequirements, mergeRequirements, roleRequirements } from './skill.loader';
import { SkillGap } from './skill-gap.type';
import { SkillGapArgs } from './skill-gap.inputs';
import { Skill } from './skill.entity';
import { matchSkills, satisfies } from './skill-matching';
import { SkillImportance } from './skill-requirement.entity';

@Resolver(() => SkillGap)
export class SkillGapResolver {
  @Query(() => SkillGap, {
    description:
      'What a person with the skills in `have` (slugs, names or aliases, any case) lacks for the role level `target` (a role slug means its entry level).',
  })
  async skillGap(@Args() { target, have }: SkillGapArgs, @Ctx() ctx: Context): Promise<SkillGap> {
    const level = await resolveLevel(ctx, target, 'target');
    const [own, roleWide, skills] = await Promise.all([
      ctx.loaders.use(levelOnlyRequirements).load(level.id),
      ctx.loaders.use(roleRequirements).load(level.roleId),
      ctx.db.getRepository(Skill).find(),
    ]);
    const requirements = mergeRequirements(own, roleWide);
    const { held, unrecognized } = matchSkills(have, skills);
    const byId = new Map(skills.map((s) => [s.id, s]));
    const matched = requirements.filter((r) => satisfies(r.skillId, held, byId));
    const missing = requirements.filter((r) => !matched.includes(r));
    const required = requirements.filter((r) => r.importance === SkillImportance.REQUIRED);
    const heldRequired = required.filter((r) => matched.includes(r)).length;
    return Object.assign(new SkillGap(), {
      target: level,
      matched,
      missing,
      coverage: required.length === 0 ? 1 : Math.round((heldRequired / required.length) * 1e4) / 1e4,
      unrecognized,
    });
  }
}
