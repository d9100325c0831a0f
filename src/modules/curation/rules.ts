/**
 * Rules every record obeys whichever way it comes in (the curation API, seed files, exports):
 * the field specs in fields.ts and kinds.ts build on these, and the seed format takes its
 * limits from those specs, so a limit is stated once.
 */
import { Matches, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The most citations one record carries. */
export const MAX_CITATIONS = 20;

/** The longest citation section (a heading of the source). */
export const MAX_SECTION = 300;

/** Checks that a range's max is not below its min, on whichever object carries both. */
@ValidatorConstraint({ name: 'minNotAboveMax' })
export class MinNotAboveMax implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const o = args.object as { min?: number | null; max?: number | null };
    return o.min == null || o.max == null || o.min <= o.max;
  }
  defaultMessage(): string {
    return 'max must not be below min';
  }
}

/**
 * Refuses NUL characters in text: PostgreSQL cannot store them and SQLite would keep text the
 * other engine refuses, so an export could not be loaded back.
 */
export const NoNul = (each = false) => Matches(/^[^\u0000]*$/, { each, message: '$property must not contain NUL characters' });
