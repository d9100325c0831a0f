import { ArgsType, Field, Int } from 'type-graphql';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { SearchType } from './search-hit.type';

@ArgsType()
export class SearchArgs {
  @Field({
    description:
      'Words to look for; any of them may match, prefixes included, and a misspelt word of 5 letters or more.',
  })
  @MaxLength(200)
  query: string;

  @Field(() => Int, { nullable: true, description: 'How many hits, 1 to 100 (default 20).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number | null;

  @Field(() => [SearchType], {
    nullable: true,
    description: 'Only nodes of these kinds (all when absent or empty).',
  })
  @IsOptional()
  types?: SearchType[] | null;
}

@ArgsType()
export class SearchPageArgs extends SearchArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the edge after which the page starts.',
  })
  @IsOptional()
  @MaxLength(100)
  after?: string | null;
}
