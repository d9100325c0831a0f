import { Field, Float, InputType } from 'type-graphql';
import { IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, Validate } from 'class-validator';
import { MAX_SECTION, MinNotAboveMax, NoNul, SLUG_PATTERN } from './rules';

@InputType({ description: 'Where a fact comes from: a source slug and the heading it sits under.' })
export class CitationInput {
  @Field({ description: 'A source slug.' })
  @Matches(SLUG_PATTERN, { message: 'source must be a source slug' })
  source: string;

  @Field({ description: 'The heading of the source the fact sits under.' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SECTION)
  @NoNul()
  section: string;
}

@InputType({ description: 'A span of years, 0 to 60; leave max out for open-ended.' })
export class YearRangeInput {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(60)
  min?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(60)
  @Validate(MinNotAboveMax)
  max?: number | null;
}
