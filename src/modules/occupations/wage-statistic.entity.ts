import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { SalaryPeriod } from '../salaries/salary-band.entity';
import { Occupation } from './occupation.entity';

/** Which point of a wage distribution a figure is. */
export enum WageStatisticKind {
  MEAN = 'MEAN',
  MEDIAN = 'MEDIAN',
  P10 = 'P10',
  P25 = 'P25',
  P75 = 'P75',
  P90 = 'P90',
}
registerEnumType(WageStatisticKind, {
  name: 'WageStatisticKind',
  description: 'The point of a wage distribution a figure gives.',
  valuesConfig: {
    MEAN: { description: 'The average wage.' },
    MEDIAN: { description: 'The 50th percentile: half of the workers earn less, half more.' },
    P10: { description: 'The 10th percentile: 10% of the workers earn less.' },
    P25: { description: 'The 25th percentile: a quarter of the workers earn less.' },
    P75: { description: 'The 75th percentile: three quarters of the workers earn less.' },
    P90: { description: 'The 90th percentile: 90% of the workers earn less.' },
  },
});

/** Plain words for each statistic, used in `measures` and by the chatbot tools. */
export const STATISTIC_WORDS: Record<WageStatisticKind, string> = {
  MEAN: 'mean',
  MEDIAN: 'median',
  P10: '10th percentile',
  P25: '25th percentile',
  P75: '75th percentile',
  P90: '90th percentile',
};

@ObjectType({
  description:
    "A published pay statistic for an occupation (statistic x region x year x source), such as the US Bureau of Labor Statistics OEWS national median. Kept apart from the guides' salary bands; each figure names the page it was read from and when.",
})
@Entity('wage_statistics')
@Index(['occupationId'])
export class WageStatistic {
  @PrimaryGeneratedColumn() id: number;

  @Column() occupationId: number;

  @ManyToOne(() => Occupation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'occupation_id' })
  occupationRecord?: Relation<Occupation>;

  @Field(() => WageStatisticKind)
  @Column({ type: 'varchar', length: 8 })
  statistic: WageStatisticKind;

  @Field(() => Int, { description: 'The figure, in whole units of the currency per period.' })
  @Column({ type: 'integer' })
  amount: number;

  @Field({ description: 'ISO 4217 currency code.' })
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Field(() => SalaryPeriod) @Column({ type: 'varchar', length: 8 }) period: SalaryPeriod;

  @Field({ description: 'Where the figure holds: US means US national, all industries.' })
  @Column()
  region: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The reference year; null when the page read does not state it.',
  })
  @Column({ type: 'integer', nullable: true })
  year: number | null;

  @Field({
    description:
      "The reference period as the page states it, such as 'May 2024', or why it is unknown.",
  })
  @Column()
  referencePeriod: string;

  @Field({ description: 'Who produced the statistic, such as the BLS OEWS program.' })
  @Column()
  publisher: string;

  @Field({ description: 'The page the figure was read from.' }) @Column() url: string;

  @Field({ description: 'The date that page was read (ISO 8601).' })
  @Column({ type: 'varchar', length: 10 })
  readOn: string;

  @Field(() => String, {
    nullable: true,
    description: 'What to know about the page, such as it republishing BLS figures.',
  })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** A wage statistic's figure as published (what it says and where it was read), without its ids. */
export function publishedFigure(w: WageStatistic) {
  return {
    statistic: w.statistic,
    amount: w.amount,
    currency: w.currency,
    period: w.period,
    region: w.region,
    year: w.year,
    referencePeriod: w.referencePeriod,
    publisher: w.publisher,
    url: w.url,
    readOn: w.readOn,
    note: w.note,
  };
}
