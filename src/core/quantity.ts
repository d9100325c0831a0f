import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

/**
 * Quantities as the sources state them: each bound may be missing (the source gives no such
 * figure) and carries a qualifier saying how the source puts it. docs/quantities.md has the rules
 * and the way each form reads.
 */
export enum BoundQualifier {
  EXACT = 'EXACT',
  ABOUT = 'ABOUT',
  AT_LEAST = 'AT_LEAST',
  MORE_THAN = 'MORE_THAN',
  AT_MOST = 'AT_MOST',
  UP_TO = 'UP_TO',
}
registerEnumType(BoundQualifier, {
  name: 'BoundQualifier',
  description: 'How a source states a bound of a quantity.',
  valuesConfig: {
    EXACT: { description: 'The figure as given, with no qualifier.' },
    ABOUT: { description: 'Around the figure ("around", "about", "approaching").' },
    AT_LEAST: { description: 'The figure or more (lower bounds only).' },
    MORE_THAN: {
      description: 'Strictly above the figure ("over", "well over"; lower bounds only).',
    },
    AT_MOST: { description: 'The figure or less (upper bounds only).' },
    UP_TO: { description: 'Reaching as high as the figure (upper bounds only).' },
  },
});

export const LOWER_QUALIFIERS: BoundQualifier[] = [
  BoundQualifier.EXACT,
  BoundQualifier.ABOUT,
  BoundQualifier.AT_LEAST,
  BoundQualifier.MORE_THAN,
];
export const UPPER_QUALIFIERS: BoundQualifier[] = [
  BoundQualifier.EXACT,
  BoundQualifier.ABOUT,
  BoundQualifier.AT_MOST,
  BoundQualifier.UP_TO,
];

/** The bounds of a quantity as stored. */
export interface Bounds {
  min: number | null;
  minQualifier: BoundQualifier | null;
  max: number | null;
  maxQualifier: BoundQualifier | null;
  /** The source says the figure goes on above its lower bound ("or more", "or exceeding"). */
  orMore?: boolean | null;
}

/** Why a quantity cannot be one, naming the field at fault, or null when it can. */
export function boundsProblem(q: Partial<Bounds>): { field: string; message: string } | null {
  if (q.minQualifier != null && q.min == null)
    return { field: 'minQualifier', message: 'minQualifier needs a min to qualify' };
  if (q.maxQualifier != null && q.max == null)
    return { field: 'maxQualifier', message: 'maxQualifier needs a max to qualify' };
  if (q.minQualifier != null && !LOWER_QUALIFIERS.includes(q.minQualifier)) {
    return {
      field: 'minQualifier',
      message: `a lower bound cannot be ${q.minQualifier} (use one of ${LOWER_QUALIFIERS.join(', ')})`,
    };
  }
  if (q.maxQualifier != null && !UPPER_QUALIFIERS.includes(q.maxQualifier)) {
    return {
      field: 'maxQualifier',
      message: `an upper bound cannot be ${q.maxQualifier} (use one of ${UPPER_QUALIFIERS.join(', ')})`,
    };
  }
  if (q.orMore && q.min == null)
    return { field: 'orMore', message: 'orMore needs a min to go on from' };
  if (q.orMore && q.max != null) return { field: 'orMore', message: 'orMore cannot go with a max' };
  if (q.min != null && q.max != null && q.min > q.max)
    return { field: 'max', message: 'max must not be below min' };
  return null;
}

/** The qualifier a present bound gets when none is written: EXACT; a missing bound has none. */
export const qualifierOf = (
  bound: number | null | undefined,
  qualifier: BoundQualifier | null | undefined,
): BoundQualifier | null => (bound == null ? null : (qualifier ?? BoundQualifier.EXACT));

/** class-validator: the qualifier on this property fits its bound (see boundsProblem). */
@ValidatorConstraint({ name: 'boundsFit' })
export class BoundsFit implements ValidatorConstraintInterface {
  private problem = '';
  validate(_: unknown, args: ValidationArguments): boolean {
    const found = boundsProblem(args.object as Partial<Bounds>);
    this.problem = found && found.field === args.property ? found.message : '';
    return !this.problem;
  }
  defaultMessage(): string {
    return this.problem || 'the bounds do not fit together';
  }
}

const LOWER_WORDS: Record<BoundQualifier, string> = {
  EXACT: '',
  ABOUT: 'about ',
  AT_LEAST: 'at least ',
  MORE_THAN: 'more than ',
  AT_MOST: 'at most ',
  UP_TO: 'up to ',
};

/** A quantity in words: "about 1 to 2 years", "more than 5 years", "about $200,000 or more". */
export function describeBounds(q: Bounds, show: (n: number) => string, unit = ''): string | null {
  const { min, max } = q;
  const lower = qualifierOf(min, q.minQualifier);
  const upper = qualifierOf(max, q.maxQualifier);
  const tail = unit ? ` ${unit}` : '';
  if (min != null && max != null) {
    if (min === max && lower === upper) return `${LOWER_WORDS[lower!]}${show(min)}${tail}`;
    if (lower === upper && (lower === BoundQualifier.ABOUT || lower === BoundQualifier.EXACT))
      return `${LOWER_WORDS[lower]}${show(min)} to ${show(max)}${tail}`;
    return `${LOWER_WORDS[lower!] || 'from '}${show(min)} to ${LOWER_WORDS[upper!]}${show(max)}${tail}`;
  }
  // a lone lower bound is a minimum ("X or more"), except an approximate figure with no ceiling
  // stated ("about X"), which goes on up only when the source says so (orMore)
  if (min != null && lower === BoundQualifier.EXACT) return `${show(min)} or more${tail}`;
  if (min != null)
    return `${LOWER_WORDS[lower!]}${show(min)}${q.orMore && lower === BoundQualifier.ABOUT ? ' or more' : ''}${tail}`;
  if (max != null)
    return `${upper === BoundQualifier.EXACT ? 'up to ' : LOWER_WORDS[upper!]}${show(max)}${tail}`;
  return null;
}

const years = (n: number) => String(n);
export const describeYears = (q: Bounds): string | null => {
  const text = describeBounds(q, years);
  if (text == null) return null;
  const single =
    q.min != null && q.max == null ? q.min : q.max != null && q.min == null ? q.max : null;
  return `${text} ${single === 1 && (q.minQualifier ?? 'EXACT') === 'EXACT' ? 'year' : 'years'}`;
};

@ObjectType({
  description:
    'Years as the sources state them: either bound may be null (the sources give no such figure), each with its qualifier. ' +
    'The YearRange fields beside it are derived views of the same numbers without qualifiers.',
})
export class YearQuantity {
  @Field(() => Float, { nullable: true }) min: number | null;
  @Field(() => BoundQualifier, {
    nullable: true,
    description: 'How the lower bound is stated; null when there is no min.',
  })
  minQualifier: BoundQualifier | null;
  @Field(() => Float, { nullable: true }) max: number | null;
  @Field(() => BoundQualifier, {
    nullable: true,
    description: 'How the upper bound is stated; null when there is no max.',
  })
  maxQualifier: BoundQualifier | null;
  @Field({
    description: 'The quantity in words, such as "about 1 to 2 years" or "more than 5 years".',
  })
  text: string;

  static of(
    min: number | null,
    minQualifier: BoundQualifier | null,
    max: number | null,
    maxQualifier: BoundQualifier | null,
  ): YearQuantity | null {
    if (min == null && max == null) return null;
    const q = {
      min,
      minQualifier: qualifierOf(min, minQualifier),
      max,
      maxQualifier: qualifierOf(max, maxQualifier),
    };
    return Object.assign(new YearQuantity(), q, { text: describeYears(q) as string });
  }
}

@ObjectType({
  description:
    'Money as the sources state it: either bound may be null, each with its qualifier; currency, period, region and year are null when the source does not say.',
})
export class MoneyQuantity {
  @Field(() => Int, { nullable: true, description: 'Whole currency units.' }) min: number | null;
  @Field(() => BoundQualifier, { nullable: true }) minQualifier: BoundQualifier | null;
  @Field(() => Int, { nullable: true }) max: number | null;
  @Field(() => BoundQualifier, { nullable: true }) maxQualifier: BoundQualifier | null;
  @Field({
    description:
      'True when the source says the figure goes on above min ("or more", "or exceeding").',
  })
  orMore: boolean;
  @Field(() => String, { nullable: true, description: 'ISO 4217 code.' }) currency: string | null;
  @Field(() => String, { nullable: true, description: 'ANNUAL or HOURLY.' }) period: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Where the figure holds, when the source says.',
  })
  region: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The year the figure is for, when the source says.',
  })
  year: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The figure in words, such as "about $81,000 a year" or "about $200,000 or more a year"; null when there is no figure.',
  })
  text: string | null;
}

const SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

/** "$" for USD, "€", "£", else the code and a space ("CHF "). */
export const moneySymbol = (currency: string) => SYMBOL[currency] ?? `${currency} `;

/** Money in words: "about $81,000 a year", "$115,000 to $154,000 a year". */
export function describeMoney(
  q: Bounds & { currency: string | null; period: string | null },
): string | null {
  const symbol = q.currency ? SYMBOL[q.currency] : undefined;
  const show = (n: number) =>
    symbol
      ? `${symbol}${n.toLocaleString('en-US')}`
      : `${n.toLocaleString('en-US')}${q.currency ? ` ${q.currency}` : ''}`;
  const text = describeBounds(q, show);
  if (text == null) return null;
  return q.period === 'ANNUAL'
    ? `${text} a year`
    : q.period === 'HOURLY'
      ? `${text} an hour`
      : text;
}
