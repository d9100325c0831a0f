import { ArgsType, Field } from 'type-graphql';
import { ArrayMaxSize, IsString, MaxLength } from 'class-validator';

@ArgsType()
export class SkillGapArgs {
  @Field({ description: 'A role level slug; a role slug means its entry level.' })
  @IsString()
  @MaxLength(120)
  target: string;

  @Field(() => [String], { description: 'Skills held: slugs, names or aliases, any case (at most 100).' })
  @ArrayMaxSize(100)
  @MaxLength(100, { each: true })
  have: string[];
}
