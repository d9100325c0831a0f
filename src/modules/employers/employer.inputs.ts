import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Narrows a list of employers.' })
export class EmployerFilter {
  @Field(() => String, { nullable: true, description: 'A sector slug.' })
  sector?: string | null;

  @Field(() => Boolean, { nullable: true })
  offersInternships?: boolean | null;
}
