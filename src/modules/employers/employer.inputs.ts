import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Narrows a list of employers.' })
export class EmployerFilter {
  @Field(() => String, { nullable: true, description: 'A sector slug.' })
  sector?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: the sources say it offers internships; false: it is not known to (they say it does not, or do not say).',
  })
  offersInternships?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'What the sources state, exactly: true or false; employers they are silent about match neither.',
  })
  internshipsOffered?: boolean | null;
}
