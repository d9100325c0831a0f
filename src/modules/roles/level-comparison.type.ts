import { Field, Int, ObjectType } from 'type-graphql';
import { Skill } from '../skills/skill.entity';
import { SkillImportance } from '../skills/skill-requirement.entity';
import { RoleLevel } from './role-level.entity';
import { Basis } from '../../core/basis';

@ObjectType({ description: 'One skill across the compared levels: a table row.' })
export class SkillComparisonRow {
  @Field(() => Skill) skill: Skill;

  @Field(() => [SkillImportance], {
    nullable: 'items',
    description:
      'How much each compared level asks for the skill, in the order of `levels`; null where it does not, or where the grade is one the basis argument leaves out (see `listed`).',
  })
  importances: (SkillImportance | null)[];

  @Field(() => [Boolean], {
    description:
      'Whether each compared level lists the skill at all (whatever its grade), in the order of `levels`.',
  })
  listed: boolean[];

  @Field(() => [Basis], {
    nullable: 'items',
    description:
      "How each grade in importances is known (EDITORIAL for a curator's grade), in the order of `levels`; null where importances is null.",
  })
  importanceBases: (Basis | null)[];

  @Field({ description: 'Whether every compared level asks for the skill.' }) shared: boolean;
}

@ObjectType({ description: 'The skills one level asks for that none of the others do.' })
export class DistinctSkills {
  @Field(() => RoleLevel) level: RoleLevel;
  @Field(() => [Skill]) skills: Skill[];
}

@ObjectType({
  description:
    'Two to five role levels side by side. `levels` are the columns; each level keeps its own fields (years, salaryBands, certifications, nextSteps); `skills` are rows aligned with the columns.',
})
export class LevelComparison {
  @Field(() => [RoleLevel], { description: 'The compared levels, in the order asked.' })
  levels: RoleLevel[];

  @Field(() => [SkillComparisonRow], {
    description: 'Every skill any compared level asks for; shared ones first, then by name.',
  })
  skills: SkillComparisonRow[];

  @Field(() => [Skill], { description: 'Skills every compared level asks for.' })
  sharedSkills: Skill[];

  @Field(() => [DistinctSkills], { description: 'Per level, the skills only it asks for.' })
  distinctSkills: DistinctSkills[];

  @Field(() => Int, {
    description: 'How many grades the basis argument left out of importances (0 without one).',
  })
  omittedGrades: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why grades were left out, when any were; null otherwise.',
  })
  omittedReason: string | null;
}
