import { ArgsType, Field, Int } from 'type-graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Basis } from '../../core/basis';

@ArgsType()
export class RoleMatchesArgs {
  @Field(() => [String], {
    description: 'Skills held: slugs, names or aliases, any case (1 to 100).',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @MaxLength(100, { each: true })
  have: string[];

  @Field(() => Int, { nullable: true, description: 'How many levels, 1 to 100 (default 10).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number | null;

  @Field(() => Basis, {
    nullable: true,
    description:
      'The firmest basis the ranking may rest on: STATED uses no editorial grade (each listed skill counts the same), DERIVED also allows derived grades; null or EDITORIAL uses every grade, and editorialWeights says so.',
  })
  @IsOptional()
  @IsEnum(Basis)
  basis?: Basis | null;
}
