import { Context } from '../../core/context';
import { resolveLevel } from '../paths/path.service';
import { requirementsOfLevel } from './skill.loader';
import { SkillGap } from './skill-gap.type';
import { skillIndex } from './skill-index';
import { matchSkills, satisfies } from './skill-matching';
import { SkillImportance } from './skill-requirement.entity';

/**
 * What a person holding `have` (slugs, names or aliases) lacks for `target` (a level slug, or a
 * role slug meaning its entry level); an unknown target is BAD_USER_INPUT naming `target`.
 */
export async function computeSkillGap(ctx: Context, target: string, have: string[]): Promise<SkillGap> {
  const level = await resolveLevel(ctx, target, 'target');
  const [requirements, skills] = await Promise.all([ctx.loaders.load(requirementsOfLevel, level.id), skillIndex(ctx)]);
  const { held, unrecognized } = matchSkills(have, skills.names);
  const matched = requirements.filter((r) => satisfies(r.skillId, held, skills.byId));
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
