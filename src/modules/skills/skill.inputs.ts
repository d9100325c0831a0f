import { Field, InputType } from 'type-graphql';
import { SkillCategory } from './skill.entity';

@InputType({ description: 'Narrows a list of skills.' })
export class SkillFilter {
  @Field(() => SkillCategory, { nullable: true }) category?: SkillCategory | null;

  @Field(() => String, {
    nullable: true,
    description: 'Words to find in names, aliases and descriptions.',
  })
  search?: string | null;
}
