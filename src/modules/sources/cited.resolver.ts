import { ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { Citation, CitedType } from './citation.entity';
import { citationsOf } from './citation.loader';

/**
 * A base for the resolvers of cited types: adds `citations`, so every fact taken from a source
 * says where it came from.
 */
export function CitedResolver<T extends { id: number }>(type: ClassType<T>, citedType: CitedType) {
  @Resolver(() => type)
  abstract class Base {
    @FieldResolver(() => [Citation], { description: 'Where this fact comes from.' })
    citations(@Root() record: T, @Ctx() ctx: Context): Promise<Citation[]> {
      return ctx.loaders.use(citationsOf).load(`${citedType}:${record.id}`);
    }
  }
  return Base;
}
