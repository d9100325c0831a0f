import { Field, Float, ObjectType } from 'type-graphql';
import { RoleLevel } from '../roles/role-level.entity';
import { SkillRequirement } from './skill-requirement.entity';
import { RequirementGroup } from './requirement-groups';

@ObjectType({ description: 'How well a set of skills fits one role level.' })
export class RoleMatch {
  @Field(() => RoleLevel) level: RoleLevel;

  @Field(() => Float, {
    description:
      "Weighted share of the level's REQUIRED (weight 3) and RECOMMENDED (weight 1) skills held, from 0 to 1, counting only the grades the basis argument accepts. With basis STATED no editorial grade weighs: every listed skill (a group once) counts the same.",
  })
  score: number;

  @Field(() => Float, {
    description:
      "Share of the level's REQUIRED skills held, from 0 to 1 (1 when none is required). When the basis accepts no grade, the share of its listed skills held (no grade is used).",
  })
  requiredCoverage: number;

  @Field({
    description:
      'True when EDITORIAL grades weighed score and requiredCoverage. With basis STATED they never do.',
  })
  editorialWeights: boolean;

  @Field(() => [SkillRequirement], { description: 'Required and recommended skills already held.' })
  matched: SkillRequirement[];

  @Field(() => [SkillRequirement], {
    description:
      'Required and recommended skills still lacking, most important first; the options of a group are in missingGroups instead.',
  })
  missing: SkillRequirement[];

  @Field(() => [RequirementGroup], {
    description: 'Groups of alternatives none of whose options is held, each reported once.',
  })
  missingGroups: RequirementGroup[];

  /** The counts the rounded shares come from, for answers that round once (MCP text). */
  exact: { weightHeld: number; weightTotal: number; requiredHeld: number; requiredTotal: number };
}
