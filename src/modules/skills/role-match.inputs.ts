import { ArgsType, Field, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';

@ArgsType()
export class RoleMatchesArgs {
  @Field(() => [String], { description: 'Skills held: slugs, names or aliases, any case (1 to 100).' })
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
}
