import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What a delete removed.' })
export class DeletePayload {
  @Field(() => ID, { nullable: true, description: 'The global id the record had (every written record is a node, transitions included).' })
  deletedId: string | null;

  @Field({ description: 'Its slug (or from>to for a transition).' }) key: string;
}
