import { ArgsType, Field } from 'type-graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { Basis } from '../../core/basis';

@ArgsType()
export class SkillGapArgs {
  @Field({ description: 'A role level slug; a role slug means its entry level.' })
  @IsString()
  @MaxLength(120)
  target: string;

  @Field(() => [String], {
    description: 'Skills held: slugs, names or aliases, any case (at most 100).',
  })
  @ArrayMaxSize(100)
  @MaxLength(100, { each: true })
  have: string[];

  @Field(() => Basis, {
    nullable: true,
    description:
      "The firmest basis the answer may rest on: STATED uses no editorial grade (coverage is then the share of the level's listed skills held), DERIVED also allows derived grades; null or EDITORIAL uses every grade, each marked with its importanceBasis.",
  })
  @IsOptional()
  @IsEnum(Basis)
  basis?: Basis | null;
}
