/**
 * Rules every record obeys whichever way it comes in (the curation API, seed files, exports):
 * curation's field specs (src/modules/curation/fields.ts, kinds.ts) build on these, and the seed format takes its
 * limits from those specs, so a limit is stated once.
 */
import { Basis } from './basis';
import {
  Matches,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

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
export const NoNul = (each = false) =>
  // eslint-disable-next-line no-control-regex -- NUL is the character refused
  Matches(/^[^\u0000]*$/, { each, message: '$property must not contain NUL characters' });

/**
 * Text as people write it, whichever way it comes in: no NUL (NoNul), no other control character
 * but tab and line breaks (an ESC sequence in a name would reach every page and terminal that
 * shows it), no half of a surrogate pair (stored, it would become U+FFFD without a word), and
 * not blank.
 */
export const plainText = (each = false): PropertyDecorator[] => [
  NoNul(each),
  // eslint-disable-next-line no-control-regex -- the control characters refused
  Matches(/^[^\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, {
    each,
    message: '$property must not contain control characters other than tab and line breaks',
  }),
  Validate(WellFormed, { each }),
  Matches(/\S/, { each, message: '$property must not be blank' }),
];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuses a lone surrogate (half of a UTF-16 pair): no encoding can store it. */
@ValidatorConstraint({ name: 'wellFormed' })
export class WellFormed implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || !LONE_SURROGATE.test(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not contain a lone surrogate (half of a UTF-16 pair)`;
  }
}

/** Checks that a span's end lies after its start. */
@ValidatorConstraint({ name: 'startBeforeEnd' })
export class StartBeforeEnd implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const o = args.object as { start?: number | null; end?: number | null };
    return o.start == null || o.end == null || o.start < o.end;
  }
  defaultMessage(): string {
    return 'end must lie after start';
  }
}

/** Skill requirements carry no citations yet, so a grade can only be a curator's. */
@ValidatorConstraint({ name: 'gradeBasis' })
export class GradeBasisAllowed implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value == null || value === Basis.EDITORIAL;
  }
  defaultMessage(): string {
    return 'a STATED or DERIVED grade needs a citation with a span, and skill requirements cannot carry one yet: use EDITORIAL with a rationale';
  }
}
