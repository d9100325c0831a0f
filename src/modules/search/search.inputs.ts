import { ArgsType, ArgumentValidationError, Field, Int, ValidatorFn } from 'type-graphql';
import {
  IsInt,
  IsOptional,
  Max,
  MaxLength,
  Min,
  validateOrReject,
  ValidationError,
} from 'class-validator';
import { SearchType } from './search-hit.type';

const MAX_QUERY = 200;
const MAX_FIRST = 100;
const MAX_AFTER = 100;

@ArgsType()
export class SearchArgs {
  @Field({
    description:
      'Words to look for; any of them may match, prefixes included, and a misspelt word of 5 letters or more.',
  })
  @MaxLength(MAX_QUERY)
  query: string;

  @Field(() => Int, { nullable: true, description: 'How many hits, 1 to 100 (default 20).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FIRST)
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
  @MaxLength(MAX_AFTER)
  after?: string | null;
}

const withinBounds = (args: Partial<SearchPageArgs>): boolean =>
  typeof args.query === 'string' &&
  args.query.length <= MAX_QUERY &&
  (args.first == null ||
    (Number.isInteger(args.first) && args.first >= 1 && args.first <= MAX_FIRST)) &&
  (args.after == null || (typeof args.after === 'string' && args.after.length <= MAX_AFTER));

/**
 * Search's arguments, checked as type-graphql would with class-validator, but only when they are
 * not plainly within bounds: type-graphql loads class-validator and walks its metadata on every
 * call, about a tenth of a millisecond per search request. Out of bounds, class-validator runs
 * with the schema's options, so the errors are type-graphql's own.
 */
export const validateSearchArgs: ValidatorFn = (args: unknown) => {
  // nothing to wait for when within bounds: the resolver is then called without a promise
  if (args !== null && typeof args === 'object' && withinBounds(args)) return;
  return validateOrReject(args as object, {
    forbidUnknownValues: false,
    skipMissingProperties: true,
    validationError: { target: false, value: false },
  }).catch((errors: ValidationError[]) => {
    throw new ArgumentValidationError(errors);
  });
};
