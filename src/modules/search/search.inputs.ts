import { ArgsType, Field, Int } from 'type-graphql';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';

@ArgsType()
export class SearchArgs {
  @Field({ description: 'Words to look for; any of them may match, prefixes included.' })
  @MaxLength(200)
  query: string;

  @Field(() => Int, { nullable: true, description: 'How many hits, 1 to 100 (default 20).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number | null;
}
