import { Field, ObjectType } from 'type-graphql';
import { IMPORTANCE_ORDER, SkillImportance, SkillRequirement } from './skill-requirement.entity';

/**
 * Requirement groups (docs/quantities.md, "Requirement groups"): the requirements of a level that
 * share a `requirementGroup` are alternatives ("at least one of JavaScript, Python, Java, Go or
 * Ruby"). The group is met when any one member is held; gaps and matches count it once and report
 * the group, not each member.
 */
@ObjectType({
  description: 'Alternatives a level asks for: holding any one of the options meets the group.',
})
export class RequirementGroup {
  @Field({ description: 'The group\'s name, such as "first-language".' }) name: string;
  @Field(() => SkillImportance, { description: 'The most important grade among its options.' })
  importance: SkillImportance;
  @Field(() => [SkillRequirement], { description: 'The options; any one meets the group.' })
  options: SkillRequirement[];
}

/** One thing a level asks for: a single requirement, or a group of alternatives. */
export interface RequirementUnit<R extends SkillRequirement = SkillRequirement> {
  group: string | null;
  members: R[];
  importance: SkillImportance;
  held: boolean;
}

/** Folds a level's requirements into units, a group into one; `held` says which single requirements are held. */
export function requirementUnits<R extends SkillRequirement>(
  requirements: R[],
  held: (r: R) => boolean,
): RequirementUnit<R>[] {
  const units: RequirementUnit<R>[] = [];
  const byGroup = new Map<string, RequirementUnit<R>>();
  for (const r of requirements) {
    if (!r.requirementGroup) {
      units.push({ group: null, members: [r], importance: r.importance, held: held(r) });
      continue;
    }
    let unit = byGroup.get(r.requirementGroup);
    if (!unit) {
      unit = { group: r.requirementGroup, members: [], importance: r.importance, held: false };
      byGroup.set(r.requirementGroup, unit);
      units.push(unit);
    }
    unit.members.push(r);
    if (IMPORTANCE_ORDER[r.importance] < IMPORTANCE_ORDER[unit.importance])
      unit.importance = r.importance;
    unit.held ||= held(r);
  }
  return units;
}

/** What a gap or match reports from units: held singles and held members; missing singles; unmet groups once each. */
export function splitUnits<R extends SkillRequirement>(
  units: RequirementUnit<R>[],
  held: (r: R) => boolean,
) {
  return {
    matched: units.flatMap((u) => u.members.filter(held)),
    missing: units.filter((u) => !u.held && u.group == null).map((u) => u.members[0]),
    missingGroups: units.filter((u) => !u.held && u.group != null).map(groupOf),
  };
}

/** A unit of a named group, as a gap or match reports it when the group is unmet. */
export function groupOf(unit: RequirementUnit): RequirementGroup {
  return Object.assign(new RequirementGroup(), {
    name: unit.group as string,
    importance: unit.importance,
    options: unit.members,
  });
}
