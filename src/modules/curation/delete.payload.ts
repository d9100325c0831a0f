import { Field, ID, ObjectType } from 'type-graphql';
import { UserError, UserErrorsField } from './user-errors';

@ObjectType({ description: 'What a delete removed.' })
export class DeletePayload {
  @Field(() => ID, {
    nullable: true,
    description:
      'The global id the record had (every written record is a node, transitions included).',
  })
  deletedId: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Its slug (or from>to for a transition); null when userErrors says why nothing was deleted.',
  })
  key: string;

  @UserErrorsField() userErrors?: UserError[];
}
