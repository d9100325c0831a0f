import { Field, Int, ObjectType } from 'type-graphql';
import { SalaryPeriod } from '../salaries/salary-band.entity';
import { MatchType } from './occupation-codes';
import { Occupation } from './occupation.entity';
import {
  publishedFigure,
  STATISTIC_WORDS,
  WageStatistic,
  WageStatisticKind,
} from './wage-statistic.entity';

/** What a wage figure measures, in words a reader can check against the page. */
export function measuresOf(w: WageStatistic, occupation: Occupation): string {
  const period = w.period === SalaryPeriod.HOURLY ? 'hourly' : 'annual';
  const where = w.region === 'US' ? 'US national, all industries' : w.region;
  const when =
    w.year == null
      ? `reference year not stated on the page read (${w.referencePeriod})`
      : w.referencePeriod;
  return `${STATISTIC_WORDS[w.statistic]} ${period} wage of ${occupation.system} ${occupation.code} ${occupation.title}; ${where}; ${when}; ${w.publisher}`;
}

@ObjectType({
  description:
    "A published pay statistic for an occupation a role is mapped to, with the match between them: what a user can expect to earn in that occupation nationally, not the guides' figure for one level.",
})
export class PayStatistic {
  @Field(() => MatchType, {
    description: 'How the role corresponds to the occupation the figure is for.',
  })
  match: MatchType;
  @Field(() => Occupation) occupation: Occupation;
  @Field(() => WageStatisticKind) statistic: WageStatisticKind;
  @Field(() => Int) amount: number;
  @Field() currency: string;
  @Field(() => SalaryPeriod) period: SalaryPeriod;
  @Field({ description: 'US means US national, all industries.' }) region: string;
  @Field(() => Int, {
    nullable: true,
    description: 'The reference year; null when the page read does not state it.',
  })
  year: number | null;
  @Field() referencePeriod: string;
  @Field() publisher: string;
  @Field({ description: 'The page the figure was read from.' }) url: string;
  @Field({ description: 'The date that page was read (ISO 8601).' }) readOn: string;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field({
    description:
      'What the figure measures: statistic, period, occupation, region, reference period and publisher.',
  })
  measures: string;

  static of(match: MatchType, occupation: Occupation, w: WageStatistic): PayStatistic {
    return Object.assign(new PayStatistic(), {
      match,
      occupation,
      ...publishedFigure(w),
      measures: measuresOf(w, occupation),
    });
  }
}

@ObjectType({
  description:
    'How a published pay statistic changes between two occupations: the same statistic (such as the median) at each end, and whether both figures are for the same reference year.',
})
export class WageChange {
  @Field(() => WageStatisticKind, { description: 'The statistic compared at both ends.' })
  statistic: WageStatisticKind;
  @Field({ description: 'What is compared, in words.' }) compares: string;
  @Field(() => Int, { description: 'to.amount - from.amount.' }) difference: number;
  @Field({
    description:
      'False when the two figures are for different or unstated reference years: read the difference with care.',
  })
  sameYear: boolean;
  @Field(() => PayStatistic) from: PayStatistic;
  @Field(() => PayStatistic) to: PayStatistic;
}
