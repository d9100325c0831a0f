import { Field, ObjectType } from 'type-graphql';
import { Skill } from '../skills/skill.entity';
import { SkillImportance } from '../skills/skill-requirement.entity';
import { RoleLevel } from './role-level.entity';

@ObjectType({ description: 'One skill across the compared levels: a table row.' })
export class SkillComparisonRow {
  @Field(() => Skill) skill: Skill;

  @Field(() => [SkillImportance], {
    nullable: 'items',
    description: 'How much each compared level asks for the skill, in the order of `levels`; null where it does not.',
  })
  importances: (SkillImportance | null)[];

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
  @Field(() => [RoleLevel], { description: 'The compared levels, in the order asked.' }) levels: RoleLevel[];

  @Field(() => [SkillComparisonRow], { description: 'Every skill any compared level asks for; shared ones first, then by name.' })
  skills: SkillComparisonRow[];

  @Field(() => [Skill], { description: 'Skills every compared level asks for.' }) sharedSkills: Skill[];

  @Field(() => [DistinctSkills], { description: 'Per level, the skills only it asks for.' }) distinctSkills: DistinctSkills[];
}
