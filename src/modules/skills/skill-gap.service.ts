import { Context } from '../../core/context';
import { both, MaybePromise, then } from '../../core/maybe-promise';
import { RoleLevel } from '../roles/role-level.entity';
import { resolveLevel } from '../paths/path.service';
import { requirementsOfLevel } from './skill.loader';
import { SkillGap } from './skill-gap.type';
import { SkillIndex, skillIndex } from './skill-index';
import { matchSkills, skillsCovered } from './skill-matching';
import { SkillImportance, SkillRequirement } from './skill-requirement.entity';
import { requirementUnits, splitUnits } from './requirement-groups';
import { Basis } from '../../core/basis';

const FIRMNESS: Record<Basis, number> = { STATED: 0, DERIVED: 1, EDITORIAL: 2 };

/** Whether a grade of basis `grade` may weigh an answer asked for with `wanted` (null: everything). */
export const gradeAccepted = (grade: Basis, wanted: Basis | null) =>
  wanted == null || FIRMNESS[grade] <= FIRMNESS[wanted];

/**
 * What a person holding `have` (slugs, names or aliases) lacks for `target` (a level slug, or a
 * role slug meaning its entry level); an unknown target is BAD_USER_INPUT naming `target`.
 */
export function computeSkillGap(
  ctx: Context,
  target: string,
  have: string[],
  basis: Basis | null = null,
): MaybePromise<SkillGap> {
  // at once when the graph's indexes are built (most requests)
  return then(resolveLevel(ctx, target, 'target'), (level) =>
    both(ctx.loaders.load(requirementsOfLevel, level.id), skillIndex(ctx), (requirements, skills) =>
      skillGapOf(level, requirements, skills, have, basis),
    ),
  );
}

function skillGapOf(
  level: RoleLevel,
  requirements: SkillRequirement[],
  skills: SkillIndex,
  have: string[],
  basis: Basis | null,
): SkillGap {
  const { held, unrecognized } = matchSkills(have, skills.names);
  const covered = skillsCovered(held, skills.broader);
  const isHeld = (r: SkillRequirement) => covered.has(r.skillId);
  // a group of alternatives is one unit, met by any one member
  const units = requirementUnits(requirements, isHeld);
  const { matched, missing, missingGroups } = splitUnits(units, isHeld);
  // grades the caller accepts: all of them, or only those whose basis is at least as firm as asked
  const accepted = units.filter((u) =>
    u.members.every((r) => gradeAccepted(r.importanceBasis, basis)),
  );
  const graded = accepted.length > 0;
  const required = accepted.filter((u) => u.importance === SkillImportance.REQUIRED);
  const share = (part: number, whole: number) =>
    whole === 0 ? 1 : Math.round((part / whole) * 1e4) / 1e4;
  // with no accepted grade every listed skill (or group) counts once: coverage is then the share held
  const coverage = graded
    ? share(required.filter((u) => u.held).length, required.length)
    : share(units.filter((u) => u.held).length, units.length);
  return Object.assign(new SkillGap(), {
    target: level,
    matched,
    missing,
    missingGroups,
    coverage,
    requiredUnits: {
      total: units.filter((u) => u.importance === SkillImportance.REQUIRED).length,
      held: units.filter((u) => u.importance === SkillImportance.REQUIRED && u.held).length,
    },
    editorialWeights:
      graded && required.some((u) => u.members.some((r) => r.importanceBasis === Basis.EDITORIAL)),
    unrecognized,
  });
}
