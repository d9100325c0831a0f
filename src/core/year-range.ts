import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A span of years; max is null when it is open-ended.' })
export class YearRange {
  @Field(() => Float, { nullable: true }) min: number | null;
  @Field(() => Float, { nullable: true }) max: number | null;

  /** A range from two stored bounds, or null when neither is known. */
  static of(min: number | null | undefined, max: number | null | undefined): YearRange | null {
    if (min == null && max == null) return null;
    return Object.assign(new YearRange(), { min: min ?? null, max: max ?? null });
  }
}
