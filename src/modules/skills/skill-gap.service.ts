import { Context } from '../../core/context';
import { both, MaybePromise, then } from '../../core/maybe-promise';
import { RoleLevel } from '../roles/role-level.entity';
import { resolveLevel } from '../paths/path.service';
import { requirementsOfLevel } from './skill.loader';
import { SkillGap } from './skill-gap.type';
import { SkillIndex, skillIndex } from './skill-index';
import { matchSkills, skillsCovered } from './skill-matching';
import { SkillImportance, SkillRequirement } from './skill-requirement.entity';
import { groupOf, RequirementGroup, RequirementUnit, requirementUnits } from './requirement-groups';
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
  const plan = gapPlanOf(requirements);
  const grades = plan.byBasis[basis == null ? FIRMNESS.EDITORIAL : FIRMNESS[basis]];
  const matched: SkillRequirement[] = [];
  const missing: SkillRequirement[] = [];
  const missingGroups: RequirementGroup[] = [];
  let heldUnits = 0;
  let requiredHeld = 0;
  let acceptedRequiredHeld = 0;
  for (let i = 0; i < plan.units.length; i++) {
    const unit = plan.units[i];
    let unitHeld = false;
    for (const r of unit.members)
      if (covered.has(r.skillId)) {
        unitHeld = true;
        matched.push(r);
      }
    if (unitHeld) {
      heldUnits += 1;
      if (unit.importance === SkillImportance.REQUIRED) {
        requiredHeld += 1;
        if (grades.accepted[i]) acceptedRequiredHeld += 1;
      }
    } else if (unit.group == null) missing.push(unit.members[0]);
    else missingGroups.push(plan.groups[i] as RequirementGroup);
  }
  const share = (part: number, whole: number) =>
    whole === 0 ? 1 : Math.round((part / whole) * 1e4) / 1e4;
  // with no accepted grade every listed skill (or group) counts once: coverage is then the share held
  const coverage = grades.graded
    ? share(acceptedRequiredHeld, grades.requiredAccepted)
    : share(heldUnits, plan.units.length);
  return Object.assign(new SkillGap(), {
    target: level,
    matched,
    missing,
    missingGroups,
    coverage,
    requiredUnits: { total: plan.requiredTotal, held: requiredHeld },
    editorialWeights: grades.editorialWeights,
    unrecognized,
  });
}

/**
 * What a gap for a level takes from the level's requirements alone, whatever is held: its units
 * (a group of alternatives is one, met by any one member), each unmet group as reported, and for
 * each basis asked (by its firmness) which units' grades it accepts. Worked out once per list of
 * requirements (a graph version's lists are shared by its requests).
 */
interface GapPlan {
  units: RequirementUnit[];
  /** The RequirementGroup reported when unit i, a group, is not met (null for a single). */
  groups: (RequirementGroup | null)[];
  /** REQUIRED units, over every grade. */
  requiredTotal: number;
  byBasis: {
    /** Whether unit i's grades are all accepted. */
    accepted: boolean[];
    /** Some unit's grades are: coverage then weighs REQUIRED units, else every unit once. */
    graded: boolean;
    requiredAccepted: number;
    editorialWeights: boolean;
  }[];
}

const gapPlans = new WeakMap<SkillRequirement[], GapPlan>();

function gapPlanOf(requirements: SkillRequirement[]): GapPlan {
  let plan = gapPlans.get(requirements);
  if (plan) return plan;
  const units = requirementUnits(requirements, () => false);
  const groups = units.map((u) => (u.group == null ? null : groupOf(u)));
  const isRequired = (u: RequirementUnit) => u.importance === SkillImportance.REQUIRED;
  const byBasis = [Basis.STATED, Basis.DERIVED, Basis.EDITORIAL].map((wanted) => {
    const accepted = units.map((u) =>
      u.members.every((r) => gradeAccepted(r.importanceBasis, wanted)),
    );
    const required = units.filter((u, i) => accepted[i] && isRequired(u));
    const graded = accepted.some(Boolean);
    return {
      accepted,
      graded,
      requiredAccepted: required.length,
      editorialWeights:
        graded &&
        required.some((u) => u.members.some((r) => r.importanceBasis === Basis.EDITORIAL)),
    };
  });
  plan = { units, groups, requiredTotal: units.filter(isRequired).length, byBasis };
  gapPlans.set(requirements, plan);
  return plan;
}
