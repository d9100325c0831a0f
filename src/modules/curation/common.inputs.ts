import { Type } from 'class-transformer';
import { Field, Float, InputType, Int } from 'type-graphql';
import {
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { MAX_SECTION, MinNotAboveMax, NoNul, SLUG_PATTERN, StartBeforeEnd } from '../../core/rules';
import { SHA256_PATTERN } from '../sources/anchor';
import { BoundQualifier, BoundsFit } from '../../core/quantity';

@InputType({
  description:
    'The span of the source that states a fact: code-point offsets (end exclusive) and the SHA-256 of the normalised span text.',
})
export class TextSpanInput {
  @Field(() => Int)
  @IsInt()
  @Min(0)
  start: number;

  @Field(() => Int, { description: 'Must lie after start.' })
  @IsInt()
  @Min(1)
  @Validate(StartBeforeEnd)
  end: number;

  @Field({ description: '64 lower-case hex digits.' })
  @Matches(SHA256_PATTERN, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256: string;
}

@InputType({ description: 'A heading of a source document.' })
export class SourceSectionInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SECTION)
  @NoNul()
  heading: string;

  @Field(() => Int, { description: '1 for a top-level heading.' })
  @IsInt()
  @Min(1)
  @Max(6)
  level: number;

  @Field(() => Int, {
    nullable: true,
    description:
      "Where the section's text begins, after its heading line (code points from 0); with end, citations' spans must lie between them.",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  start?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Where the section ends (code points, exclusive); must lie after start.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Validate(StartBeforeEnd)
  end?: number | null;
}

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

  @Field(() => TextSpanInput, {
    nullable: true,
    description: 'Where in the section the fact is stated (docs/citations.md).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextSpanInput) // seed files are plain objects; the API's inputs arrive as instances
  span?: TextSpanInput | null;
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

  @Field(() => BoundQualifier, {
    nullable: true,
    description:
      'How the source states min (EXACT when left out): EXACT, ABOUT, AT_LEAST or MORE_THAN.',
  })
  @IsOptional()
  @IsEnum(BoundQualifier)
  @Validate(BoundsFit)
  minQualifier?: BoundQualifier | null;

  @Field(() => BoundQualifier, {
    nullable: true,
    description: 'How the source states max (EXACT when left out): EXACT, ABOUT, AT_MOST or UP_TO.',
  })
  @IsOptional()
  @IsEnum(BoundQualifier)
  @Validate(BoundsFit)
  maxQualifier?: BoundQualifier | null;
}
