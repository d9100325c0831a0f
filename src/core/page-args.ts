import { ArgsType, Field, Int } from 'type-graphql';

/**
 * `first`/`after` of every connection; checked by pageWindow, which names the argument at fault
 * (resolvers take it with `@Args({ validate: false })`: class-validator has nothing to check here).
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the edge after which the page starts.',
  })
  after?: string | null;
}
