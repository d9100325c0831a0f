import { Field, Int, ObjectType } from 'type-graphql';
import { SalaryBand, SalaryPeriod } from './salary-band.entity';

@ObjectType({
  description:
    'How pay changes between two cited bands of the same currency, period and region: the range of possible differences (to.min - from.max up to to.max - from.min); a bound is null when a figure it needs is unknown.',
})
export class PayChange {
  @Field() currency: string;
  @Field(() => SalaryPeriod) period: SalaryPeriod;
  @Field() region: string;
  @Field(() => Int, { nullable: true }) min: number | null;
  @Field(() => Int, { nullable: true }) max: number | null;
  @Field(() => SalaryBand, { description: 'The band the change starts from.' }) from: SalaryBand;
  @Field(() => SalaryBand, { description: 'The band the change arrives at.' }) to: SalaryBand;
}
