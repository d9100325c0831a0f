import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Narrows a list of roles.' })
export class RoleFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Words to find in names, aliases and summaries.',
  })
  search?: string | null;
}
