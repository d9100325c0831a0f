import { Field, Float, ObjectType } from 'type-graphql';
import { RoleLevel } from '../roles/role-level.entity';
import { SkillRequirement } from './skill-requirement.entity';
import { RequirementGroup } from './requirement-groups';

@ObjectType({ description: 'What a person lacks for a role level, given the skills they hold.' })
export class SkillGap {
  @Field(() => RoleLevel) target: RoleLevel;

  @Field(() => [SkillRequirement], {
    description: 'Requirements already met (the skill or a narrower one is held).',
  })
  matched: SkillRequirement[];

  @Field(() => [SkillRequirement], {
    description:
      'Requirements not yet met, most important first; the options of a group are in missingGroups instead.',
  })
  missing: SkillRequirement[];

  @Field(() => [RequirementGroup], {
    description: 'Groups of alternatives none of whose options is held, each reported once.',
  })
  missingGroups: RequirementGroup[];

  @Field(() => Float, {
    description:
      "Share of the target's REQUIRED skills already held, from 0 to 1 (1 when none is required), counting only the grades the basis argument accepts; when it accepts none, the share of the target's listed skills held.",
  })
  coverage: number;

  @Field({
    description:
      'True when EDITORIAL grades weighed coverage. With basis STATED they never do, and with no accepted grade every listed skill counts once.',
  })
  editorialWeights: boolean;

  /** REQUIRED things asked for (a group once) and how many are met, over every grade; for tool texts. */
  requiredUnits: { total: number; held: number };

  @Field(() => [String], { description: 'Inputs that matched no skill by slug, name or alias.' })
  unrecognized: string[];
}
